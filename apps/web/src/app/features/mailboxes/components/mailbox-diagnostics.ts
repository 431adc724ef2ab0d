import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  output,
  signal,
  untracked,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { SendCheckResponseDto, UpdateMailboxDto } from '@yubin/api-client';
import type { DiagnosticAction } from '#contracts';
import { Session } from '../../../core/auth/session';
import { toProblem, type UiProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { DiagnosticList, type DiagnosticFinding } from '../../../shared/ui/diagnostic-list';
import { ErrorState, Loading } from '../../../shared/ui/list-states';
import { SenderProbe } from '../../../shared/ui/sender-probe';
import { DnsApi } from '../../dns/data/dns-api';
import { MailboxesApi } from '../data/mailboxes-api';

/** Fixes this card makes itself: one change to the mailbox. */
const SWITCHES: Partial<Record<DiagnosticAction, UpdateMailboxDto>> = {
  'activate-mailbox': { active: true },
  'enable-imap': { imapEnabled: true },
  'enable-pop3': { pop3Enabled: true },
  'enable-smtp': { smtpEnabled: true },
};

/** Fixes that live in another section of the mailbox page, by the section's id. */
const SECTIONS: Partial<Record<DiagnosticAction, string>> = {
  'raise-quota': 'mailbox-settings',
  'edit-forwarding': 'mailbox-settings',
  'issue-app-password': 'mailbox-app-passwords',
  'edit-sender-rules': 'mailbox-spam',
  'edit-spam-policy': 'mailbox-spam',
};

/**
 * "Something's wrong?" on the mailbox page, for the helpdesk on the phone: the user's
 * checks, run as the page opens, each with its fix; and "would this message go through?".
 */
@Component({
  selector: 'yb-mailbox-diagnostics',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    DiagnosticList,
    SenderProbe,
    Loading,
    ErrorState,
    TranslatePipe,
  ],
  template: `
    <h3>{{ 'diagnostics.title' | t }}</h3>
    <p class="yb-muted">{{ 'diagnostics.adminIntro' | t }}</p>
    <yb-sender-probe (check)="load($event)" />
    @if (problem(); as current) {
      <yb-error-state
        [message]="problems.describe(current)"
        [retryLabel]="'common.retry' | t"
        (retry)="load(from())"
      />
    } @else if (findings(); as current) {
      <yb-diagnostic-list [findings]="current" [actionable]="actionable()" (act)="fix($event)" />
      @if (notice()) {
        <p class="yb-hint" role="status">{{ 'diagnostics.fixed' | t }}</p>
      }
    } @else {
      <yb-loading [label]="'common.loading' | t" />
    }

    <h4>{{ 'diagnostics.sendCheck.title' | t }}</h4>
    <p class="yb-hint">{{ 'diagnostics.sendCheck.intro' | t }}</p>
    <form class="send-check" [formGroup]="message" (ngSubmit)="sendCheck()" novalidate>
      <mat-form-field>
        <mat-label>{{ 'diagnostics.sendCheck.from' | t }}</mat-label>
        <input matInput formControlName="from" autocomplete="off" data-testid="send-check-from" />
      </mat-form-field>
      <mat-form-field>
        <mat-label>{{ 'diagnostics.sendCheck.to' | t }}</mat-label>
        <input matInput formControlName="to" autocomplete="off" data-testid="send-check-to" />
      </mat-form-field>
      <button mat-stroked-button type="submit" data-testid="send-check-submit">
        {{ 'diagnostics.sendCheck.submit' | t }}
      </button>
    </form>
    @if (verdict(); as answer) {
      <p
        class="verdict"
        role="status"
        [class.refused]="!answer.accepted"
        data-testid="send-check-verdict"
      >
        <strong>{{
          (answer.accepted ? 'diagnostics.sendCheck.accepted' : 'diagnostics.sendCheck.refused') | t
        }}</strong>
        {{ answer.message }}
      </p>
    } @else if (verdictProblem(); as current) {
      <p class="yb-banner-error" role="alert">{{ problems.describe(current) }}</p>
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 12px;
    }
    h3 {
      font: var(--mat-sys-title-medium);
    }
    h4 {
      font: var(--mat-sys-title-small);
      margin-top: 8px;
    }
    .send-check {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
    }
    .send-check mat-form-field {
      flex: 1 1 240px;
    }
    .verdict.refused strong {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MailboxDiagnostics {
  private readonly api = inject(MailboxesApi);
  private readonly dns = inject(DnsApi);
  private readonly session = inject(Session);
  protected readonly problems = inject(ProblemText);

  readonly address = input.required<string>();
  /** The page opens its reset-password dialog. */
  readonly resetPassword = output();
  /** The mailbox changed here; the page reloads it. */
  readonly changed = output();

  protected readonly findings = signal<DiagnosticFinding[] | null>(null);
  protected readonly problem = signal<UiProblem | null>(null);
  protected readonly from = signal<string | undefined>(undefined);
  protected readonly notice = signal(false);
  protected readonly verdict = signal<SendCheckResponseDto | null>(null);
  protected readonly verdictProblem = signal<UiProblem | null>(null);
  protected readonly message = new FormGroup({
    from: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(320)] }),
    to: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(320)] }),
  });

  /** The API offers only fixes the user may make; these are the ones this page carries out. */
  protected readonly actionable = computed((): DiagnosticAction[] => [
    ...(Object.keys(SWITCHES) as DiagnosticAction[]),
    ...(Object.keys(SECTIONS) as DiagnosticAction[]),
    'reset-password',
    'unlock',
    'verify-dns',
  ]);

  constructor() {
    effect(() => {
      const address = this.address();
      untracked(() => {
        this.message.setValue({ from: '', to: address });
        this.verdict.set(null);
        void this.load(undefined);
      });
    });
  }

  /** Runs the checks again, with the sender last asked about. */
  reload(): Promise<void> {
    return this.load(this.from());
  }

  protected async load(from: string | undefined): Promise<void> {
    this.from.set(from);
    this.problem.set(null);
    this.findings.set(null);
    try {
      this.findings.set((await this.api.diagnostics(this.address(), from)).checks);
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected async fix(action: DiagnosticAction): Promise<void> {
    const section = SECTIONS[action];
    if (section !== undefined) {
      document.getElementById(section)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
      return;
    }
    if (action === 'reset-password') {
      this.resetPassword.emit();
      return;
    }
    try {
      const change = SWITCHES[action];
      if (change !== undefined) await this.api.update(this.address(), change, undefined);
      else if (action === 'unlock' && this.session.can('mailboxes:credentials'))
        await this.api.unlock(this.address());
      // Looks the domain's records up in DNS now; the checks below then read the result.
      else if (action === 'verify-dns' && this.session.can('domains:write'))
        await this.dns.verify(this.domain());
      else return;
    } catch (error) {
      this.problem.set(toProblem(error));
      return;
    }
    this.changed.emit();
    await this.load(this.from());
    this.notice.set(true);
  }

  private domain(): string {
    const address = this.address();
    return address.slice(address.lastIndexOf('@') + 1);
  }

  protected async sendCheck(): Promise<void> {
    const { from, to } = this.message.getRawValue();
    this.verdict.set(null);
    this.verdictProblem.set(null);
    try {
      this.verdict.set(await this.api.sendCheck(this.address(), from.trim(), to.trim()));
    } catch (error) {
      this.verdictProblem.set(toProblem(error));
    }
  }
}
