import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Session } from '../../../core/auth/session';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { SpamApi } from '../data/spam-api';
import { SenderRulesPanel } from './sender-rules-panel';
import { SpamPolicyFormComponent } from './spam-policy-form';

/** A mailbox's spam overrides and its own sender rules, on the mailbox page. */
@Component({
  selector: 'yb-mailbox-spam',
  imports: [SpamPolicyFormComponent, SenderRulesPanel, TranslatePipe],
  template: `
    <section class="yb-card" [attr.aria-label]="'spam.mailboxSection' | t">
      <yb-spam-policy-form [source]="policy()" [readonly]="!canWrite()" />
    </section>
    <section class="yb-card">
      <yb-sender-rules-panel
        [source]="rules()"
        [readonly]="!canWrite()"
        [heading]="'spam.rules.mailboxTitle' | t"
        [intro]="'spam.rules.mailboxIntro' | t"
        testId="mailbox-sender-rules"
      />
    </section>
  `,
  styles: `
    :host {
      display: grid;
      gap: 20px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailboxSpam {
  private readonly api = inject(SpamApi);
  private readonly session = inject(Session);
  readonly address = input.required<string>();

  protected readonly canWrite = computed(() => this.session.can('spam:write'));
  protected readonly policy = computed(() => this.api.mailboxPolicy(this.address()));
  protected readonly rules = computed(() => this.api.mailboxRules(this.address()));
}
