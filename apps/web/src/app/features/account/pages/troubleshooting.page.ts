import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { Router } from '@angular/router';
import type { DiagnosticAction } from '#contracts';
import { toProblem, type UiProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { DiagnosticList, type DiagnosticFinding } from '../../../shared/ui/diagnostic-list';
import { ErrorState, Loading } from '../../../shared/ui/list-states';
import { SenderProbe } from '../../../shared/ui/sender-probe';
import { AccountApi } from '../data/account-api';

/** Where each fix the user can make themselves lives in My account. */
const FIXES: Partial<Record<DiagnosticAction, string>> = {
  'change-password': '/account',
  'create-app-password': '/account/mail-apps',
  'edit-sender-rules': '/account/spam',
  'edit-spam-policy': '/account/spam',
};

/** My account → Something's wrong?: the checks run as the page opens. */
@Component({
  selector: 'yb-troubleshooting-page',
  imports: [DiagnosticList, SenderProbe, Loading, ErrorState, MatButtonModule, TranslatePipe],
  template: `
    <section class="yb-card" [attr.aria-label]="'diagnostics.title' | t">
      <h2>{{ 'diagnostics.title' | t }}</h2>
      <p class="yb-muted">{{ 'diagnostics.intro' | t }}</p>
      <yb-sender-probe (check)="load($event)" />
      @if (problem(); as current) {
        <yb-error-state
          [message]="problems.describe(current)"
          [retryLabel]="'common.retry' | t"
          (retry)="load(from())"
        />
      } @else if (findings(); as current) {
        <yb-diagnostic-list [findings]="current" [actionable]="actionable" (act)="fix($event)" />
        <div class="yb-actions">
          <button mat-stroked-button type="button" (click)="load(from())" data-testid="rerun">
            {{ 'diagnostics.rerun' | t }}
          </button>
        </div>
      } @else {
        <yb-loading [label]="'common.loading' | t" />
      }
    </section>
  `,
  styles: `
    section {
      display: grid;
      gap: 12px;
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class TroubleshootingPage {
  private readonly api = inject(AccountApi);
  private readonly router = inject(Router);
  protected readonly problems = inject(ProblemText);
  protected readonly actionable = Object.keys(FIXES) as DiagnosticAction[];
  protected readonly findings = signal<DiagnosticFinding[] | null>(null);
  protected readonly problem = signal<UiProblem | null>(null);
  protected readonly from = signal<string | undefined>(undefined);

  constructor() {
    void this.load(undefined);
  }

  protected async load(from: string | undefined): Promise<void> {
    this.from.set(from);
    this.problem.set(null);
    this.findings.set(null);
    try {
      this.findings.set((await this.api.diagnostics(from)).checks);
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected fix(action: DiagnosticAction): void {
    const link = FIXES[action];
    if (link !== undefined) void this.router.navigateByUrl(link);
  }
}
