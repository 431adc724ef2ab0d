import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { SenderRulesPanel } from '../components/sender-rules-panel';
import { SpamPolicyFormComponent } from '../components/spam-policy-form';
import { SpamApi } from '../data/spam-api';

/** My account → Spam and senders: the user's thresholds, blocked senders and always-allowed ones. */
@Component({
  selector: 'yb-account-spam-page',
  imports: [SpamPolicyFormComponent, SenderRulesPanel, TranslatePipe],
  template: `
    <section class="yb-card">
      <yb-spam-policy-form [source]="policy" />
    </section>
    <section class="yb-card">
      <yb-sender-rules-panel
        [source]="rules"
        kind="block"
        [heading]="'spam.rules.blockedTitle' | t"
        [intro]="'spam.rules.blockedIntro' | t"
        testId="blocked-senders"
      />
    </section>
    <section class="yb-card">
      <yb-sender-rules-panel
        [source]="rules"
        kind="allow"
        [heading]="'spam.rules.allowedTitle' | t"
        [intro]="'spam.rules.allowedIntro' | t"
        testId="allowed-senders"
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
export default class AccountSpamPage {
  private readonly api = inject(SpamApi);
  protected readonly policy = this.api.minePolicy();
  protected readonly rules = this.api.mineRules();
}
