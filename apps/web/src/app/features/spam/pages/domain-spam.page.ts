import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { Session } from '../../../core/auth/session';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { SenderRulesPanel } from '../components/sender-rules-panel';
import { SpamPolicyFormComponent } from '../components/spam-policy-form';
import { SpamApi } from '../data/spam-api';

/** /domains/:domain/spam: the domain's spam policy and its sender rules. */
@Component({
  selector: 'yb-domain-spam-page',
  imports: [SpamPolicyFormComponent, SenderRulesPanel, TranslatePipe],
  template: `
    <section class="yb-card">
      <yb-spam-policy-form [source]="policy()" [readonly]="!canWrite()" />
    </section>
    <section class="yb-card">
      <yb-sender-rules-panel
        [source]="rules()"
        [readonly]="!canWrite()"
        [heading]="'spam.rules.domainTitle' | t"
        [intro]="'spam.rules.domainIntro' | t"
        testId="domain-sender-rules"
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
export default class DomainSpamPage {
  private readonly api = inject(SpamApi);
  private readonly session = inject(Session);
  /** The route's `:domain`, from the parent route. */
  readonly domain = input.required<string>();

  protected readonly canWrite = computed(() => this.session.can('spam:write'));
  protected readonly policy = computed(() => this.api.domainPolicy(this.domain().toLowerCase()));
  protected readonly rules = computed(() => this.api.domainRules(this.domain().toLowerCase()));
}
