import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import type { MailboxResponseDto } from '@yubin/api-client';
import { Session } from '../../../core/auth/session';
import { isNotFound, toProblem, type UiProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { formatBytes } from '../../../core/i18n/format';
import { DateTimePipe } from '../../../core/i18n/format.pipes';
import { I18n } from '../../../core/i18n/i18n.service';
import { LANGUAGE_NAMES, type Language } from '../../../core/i18n/i18n.types';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { bytesToGb, gbToBytes, quotaGbValidators } from '../../../shared/forms/bytes';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { confirmAction } from '../../../shared/ui/confirm-dialog';
import { LanguageSelect } from '../../../shared/ui/language-select';
import { ErrorState, Loading } from '../../../shared/ui/list-states';
import NotFoundPage from '../../../shared/ui/not-found-page';
import { QuotaBar } from '../../../shared/ui/quota-bar';
import { StaleBanner } from '../../../shared/ui/stale-banner';
import { DomainContext } from '../../domains/data/domain-context';
import { AppPasswordsPanel } from '../../account/components/app-passwords-panel';
import { MailboxSpam } from '../../spam/components/mailbox-spam';
import {
  forwardingChanges,
  forwardingForm,
  forwardingValue,
  MailboxForwarding,
} from '../components/mailbox-forwarding';
import { MailboxDiagnostics } from '../components/mailbox-diagnostics';
import { MailboxSecurity } from '../components/mailbox-security';
import { MailboxStatusChips } from '../components/mailbox-status-chips';
import { protocolForm, ProtocolToggles } from '../components/protocol-toggles';
import { ResetPasswordDialog, type ResetPasswordData } from '../components/reset-password-dialog';
import { MailboxesApi } from '../data/mailboxes-api';
import { MAILBOX_UPDATE_ERRORS } from '../data/form-errors';
import { Address } from '../../../shared/ui/address';
import { toUnicodeName } from '../../../shared/data/idn';

@Component({
  selector: 'yb-mailbox-detail-page',
  imports: [
    Address,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    LanguageSelect,
    MatSlideToggleModule,
    MatCheckboxModule,
    QuotaBar,
    StaleBanner,
    Loading,
    ErrorState,
    NotFoundPage,
    MailboxStatusChips,
    MailboxSecurity,
    MailboxDiagnostics,
    AppPasswordsPanel,
    MailboxSpam,
    ProtocolToggles,
    MailboxForwarding,
    TranslatePipe,
    DateTimePipe,
    FieldErrorPipe,
  ],
  templateUrl: './mailbox-detail.page.html',
  styleUrl: './mailbox-detail.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class MailboxDetailPage {
  private readonly api = inject(MailboxesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly context = inject(DomainContext);
  protected readonly problems = inject(ProblemText);
  protected readonly session = inject(Session);

  readonly domain = input.required<string>();
  readonly localPart = input.required<string>();
  protected readonly address = computed(() => `${this.localPart()}@${this.domain()}`.toLowerCase());
  protected readonly mailbox = signal<MailboxResponseDto | null>(null);
  private readonly etag = signal<string | undefined>(undefined);
  protected readonly loadProblem = signal<UiProblem | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly stale = signal(false);
  protected readonly notFound = isNotFound;
  /** This mailbox's app passwords, for the panel (a new source when the address changes). */
  private readonly diagnostics = viewChild(MailboxDiagnostics);
  protected readonly appPasswords = computed(() => this.api.appPasswords(this.address()));

  protected readonly form = new FormGroup({
    displayName: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(255)],
    }),
    active: new FormControl(true, { nonNullable: true }),
    mustChangePassword: new FormControl(false, { nonNullable: true }),
    quotaGb: new FormControl(0, { nonNullable: true, validators: quotaGbValidators() }),
    /** Null: the domain's language. */
    language: new FormControl<Language | null>(null),
    protocols: protocolForm(),
    forwarding: forwardingForm(),
  });
  /** What "the domain's" means here: its language, else English. */
  protected readonly inheritedLanguage = computed(
    () => LANGUAGE_NAMES[this.context.domain()?.language ?? 'en'],
  );
  /**
   * Forwarding addresses here that nothing receives, as the API named them: the next save
   * confirms them. Editing the forwarding asks again.
   */
  protected readonly unknownForwardTo = signal<string[] | null>(null);

  constructor() {
    this.form.controls.forwarding.controls.forwardTo.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe(() => this.unknownForwardTo.set(null));
    effect(() => {
      const address = this.address();
      untracked(() => void this.load(address));
    });
  }

  protected quotaText(mailbox: MailboxResponseDto): string {
    const locale = this.i18n.locale();
    return mailbox.quotaBytes > 0
      ? this.i18n.t('common.usedOf', {
          used: formatBytes(mailbox.usedBytes, locale),
          total: formatBytes(mailbox.quotaBytes, locale),
        })
      : this.i18n.t('common.usedNoLimit', { used: formatBytes(mailbox.usedBytes, locale) });
  }

  protected async load(address = this.address()): Promise<void> {
    this.loadProblem.set(null);
    this.stale.set(false);
    try {
      const { value, etag } = await this.api.get(address);
      this.show(value, etag);
    } catch (error) {
      this.loadProblem.set(toProblem(error));
    }
  }

  protected async save(): Promise<void> {
    const mailbox = this.mailbox();
    if (mailbox === null) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const confirm = this.unknownForwardTo() === null ? {} : { confirmUnknownDestinations: true };
    this.busy.set(true);
    this.error.set(null);
    try {
      const { value: saved, etag } = await this.api.update(
        mailbox.address,
        {
          displayName: value.displayName.trim(),
          active: value.active,
          mustChangePassword: value.mustChangePassword,
          quotaBytes: gbToBytes(value.quotaGb),
          language: value.language,
          ...value.protocols,
          ...forwardingChanges(value.forwarding),
          ...confirm,
        },
        this.etag(),
      );
      this.show(saved, etag);
      this.snackBar.open(this.i18n.t('common.saved'));
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status === 412) this.stale.set(true);
      else if (problem.code === 'FORWARD_DESTINATION_UNKNOWN' && problem.unknownDestinations)
        this.unknownForwardTo.set(problem.unknownDestinations);
      else
        this.error.set(
          this.problems.forForm(this.form, problem, {
            errors: MAILBOX_UPDATE_ERRORS,
            fields: {
              quotaBytes: 'quotaGb',
              imapEnabled: 'protocols.imapEnabled',
              pop3Enabled: 'protocols.pop3Enabled',
              smtpEnabled: 'protocols.smtpEnabled',
              forwardTo: 'forwarding.forwardTo',
              keepCopy: 'forwarding.keepCopy',
            },
            codes: {
              QUOTA_EXCEEDS_DOMAIN_MAX: 'quotaGb',
              QUOTA_EXCEEDS_DOMAIN_POOL: 'quotaGb',
              QUOTA_UNLIMITED_NOT_ALLOWED: 'quotaGb',
            },
          }),
        );
    } finally {
      this.busy.set(false);
    }
  }

  protected resetPassword(): void {
    const mailbox = this.mailbox();
    if (mailbox === null) return;
    const ref = this.dialog.open<ResetPasswordDialog, ResetPasswordData, boolean>(
      ResetPasswordDialog,
      {
        data: { address: mailbox.address },
        width: '560px',
        disableClose: true,
      },
    );
    ref.afterClosed().subscribe((changed) => {
      if (changed !== true) return;
      void this.load();
      void this.diagnostics()?.reload();
    });
  }

  protected async remove(): Promise<void> {
    const mailbox = this.mailbox();
    if (mailbox === null) return;
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('mailboxes.delete.title', { address: toUnicodeName(mailbox.address) }),
      message: this.i18n.t('mailboxes.delete.message'),
      confirmLabel: this.i18n.t('mailboxes.delete.confirm'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    try {
      await this.api.delete(mailbox.address, this.etag());
      void this.context.refresh();
      const snack = this.snackBar.open(
        this.i18n.t('mailboxes.delete.done', { address: toUnicodeName(mailbox.address) }),
        this.i18n.t('common.undo'),
        { duration: 10000 },
      );
      snack
        .onAction()
        .subscribe(() => void this.api.restore(mailbox.address).then(() => this.context.refresh()));
      await this.router.navigate(['/domains', mailbox.domain, 'mailboxes']);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status === 412) this.stale.set(true);
      else this.error.set(this.problems.describe(problem));
    }
  }

  private show(mailbox: MailboxResponseDto, etag: string | undefined): void {
    this.mailbox.set(mailbox);
    this.etag.set(etag);
    this.form.reset({
      displayName: mailbox.displayName,
      active: mailbox.active,
      mustChangePassword: mailbox.mustChangePassword,
      quotaGb: bytesToGb(mailbox.quotaBytes),
      language: mailbox.language,
      protocols: {
        imapEnabled: mailbox.imapEnabled,
        pop3Enabled: mailbox.pop3Enabled,
        smtpEnabled: mailbox.smtpEnabled,
      },
      forwarding: forwardingValue(mailbox),
    });
    if (!this.session.can('mailboxes:write')) this.form.disable();
  }
}
