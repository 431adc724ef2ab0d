import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { PasswordEvaluation, PasswordIssueCode } from '#contracts';
import type { MessageKey } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

const SCORE_LABELS: readonly MessageKey[] = [
  'password.score0',
  'password.score1',
  'password.score2',
  'password.score3',
  'password.score4',
];

const ISSUE_LABELS: Readonly<Record<PasswordIssueCode, MessageKey>> = {
  tooShort: 'password.issues.tooShort',
  tooLong: 'password.issues.tooLong',
  tooWeak: 'password.issues.tooWeak',
  containsUserInfo: 'password.issues.containsUserInfo',
  containsControlCharacter: 'password.issues.containsControlCharacter',
};

/**
 * The live password meter. It shows the result of the API's own rules
 * (`evaluatePassword` from libs/contracts), so "strong enough" here is exactly what the
 * server accepts.
 */
@Component({
  selector: 'yb-password-strength',
  imports: [MatIconModule, TranslatePipe],
  template: `
    <div class="meter" aria-hidden="true">
      @for (segment of segments; track segment) {
        <span
          class="segment"
          [class.on]="evaluation() !== null && segment <= score()"
          [class]="tone()"
        ></span>
      }
    </div>
    <div class="status" aria-live="polite" data-testid="password-strength">
      @if (evaluation(); as result) {
        <strong>{{ scoreLabel() | t }}</strong>
        @if (acceptable()) {
          <span class="ok"
            ><mat-icon fontIcon="check_circle" />{{ 'password.acceptable' | t }}</span
          >
        }
        <ul class="issues">
          @for (issue of result.issues; track issue.code) {
            <li>{{ issueLabel(issue.code) | t: { min: minLength(), max: maxLength() } }}</li>
          }
        </ul>
      } @else {
        <span class="yb-hint">{{ 'password.rules' | t: { min: minLength() } }}</span>
      }
    </div>
  `,
  styles: `
    :host {
      display: grid;
      gap: 6px;
      margin: -8px 0 12px;
    }
    .meter {
      display: grid;
      grid-template-columns: repeat(5, 1fr);
      gap: 4px;
    }
    .segment {
      height: 6px;
      border-radius: 3px;
      background: var(--mat-sys-surface-container-highest);
    }
    .segment.on.weak {
      background: var(--mat-sys-error);
    }
    .segment.on.fair {
      background: var(--yb-warn);
    }
    .segment.on.good {
      background: var(--yb-ok);
    }
    .status {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: center;
      font: var(--mat-sys-body-small);
    }
    .ok {
      display: inline-flex;
      align-items: center;
      gap: 4px;
      color: var(--yb-ok);
    }
    .ok mat-icon {
      font-size: 18px;
      width: 18px;
      height: 18px;
    }
    .issues {
      flex-basis: 100%;
      margin: 0;
      padding-left: 18px;
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordStrength {
  readonly evaluation = input.required<PasswordEvaluation | null>();
  readonly minScore = input.required<number>();
  readonly minLength = input.required<number>();
  readonly maxLength = input.required<number>();

  protected readonly segments = [0, 1, 2, 3, 4] as const;
  protected readonly score = computed(() => this.evaluation()?.score ?? 0);
  protected readonly acceptable = computed(() => {
    const result = this.evaluation();
    return result !== null && result.issues.length === 0;
  });
  protected readonly tone = computed(() => {
    if (this.acceptable()) return 'good';
    return this.score() >= this.minScore() - 1 ? 'fair' : 'weak';
  });
  protected readonly scoreLabel = computed(() => SCORE_LABELS[this.score()] ?? 'password.score0');

  protected issueLabel(code: PasswordIssueCode): MessageKey {
    return ISSUE_LABELS[code];
  }
}
