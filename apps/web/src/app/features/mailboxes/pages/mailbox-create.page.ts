import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatRadioModule } from '@angular/material/radio';
import { RouterLink } from '@angular/router';
import type { CreatedMailboxResponseDto, CreateMailboxDto } from '@yubin/api-client';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { I18n } from '../../../core/i18n/i18n.service';
import { LANGUAGE_NAMES, type Language } from '../../../core/i18n/i18n.types';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import {
  bytesToGb,
  gbToBytes,
  quotaGbValidators,
  newIdempotencyKey,
} from '../../../shared/forms/bytes';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { LanguageSelect } from '../../../shared/ui/language-select';
import { SecretOnce } from '../../../shared/ui/secret-once';
import { DomainContext } from '../../domains/data/domain-context';
import { PasswordField } from '../../../shared/ui/password-field';
import { openHandoverSheet } from '../components/handover-sheet-dialog';
import { protocolForm, ProtocolToggles } from '../components/protocol-toggles';
import { MailboxesApi } from '../data/mailboxes-api';
import { MAILBOX_CREATE_ERRORS } from '../data/form-errors';
import { UnicodeNamePipe } from '../../../shared/ui/unicode-name.pipe';

type PasswordMode = 'generate' | 'set';

/** New mailbox: address, name, password (generated or set, with the live policy), quota, protocols. */
@Component({
  selector: 'yb-mailbox-create-page',
  imports: [
    UnicodeNamePipe,
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    MatIconModule,
    MatRadioModule,
    MatCheckboxModule,
    PasswordField,
    ProtocolToggles,
    SecretOnce,
    LanguageSelect,
    TranslatePipe,
    FieldErrorPipe,
  ],
  templateUrl: './mailbox-create.page.html',
  styleUrl: './mailbox-create.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class MailboxCreatePage {
  private readonly api = inject(MailboxesApi);
  private readonly i18n = inject(I18n);
  private readonly problems = inject(ProblemText);
  private readonly dialog = inject(MatDialog);
  protected readonly context = inject(DomainContext);
  private idempotencyKey = newIdempotencyKey();

  protected readonly form = new FormGroup({
    localPart: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(64)],
    }),
    displayName: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(255)],
    }),
    passwordMode: new FormControl<PasswordMode>('generate', { nonNullable: true }),
    password: new FormControl(
      { value: '', disabled: true },
      { nonNullable: true, validators: [Validators.required] },
    ),
    mustChangePassword: new FormControl({ value: false, disabled: true }, { nonNullable: true }),
    quotaGb: new FormControl(0, { nonNullable: true, validators: quotaGbValidators() }),
    active: new FormControl(true, { nonNullable: true }),
    /** Null: the domain's language. */
    language: new FormControl<Language | null>(null),
    protocols: protocolForm(),
  });
  /** What "the domain's" means here: its language, else English. */
  protected readonly inheritedLanguage = computed(
    () => LANGUAGE_NAMES[this.context.domain()?.language ?? 'en'],
  );
  protected readonly mode = toSignal(this.form.controls.passwordMode.valueChanges, {
    initialValue: 'generate',
  });
  private readonly localPart = toSignal(this.form.controls.localPart.valueChanges, {
    initialValue: '',
  });
  private readonly displayName = toSignal(this.form.controls.displayName.valueChanges, {
    initialValue: '',
  });
  protected readonly owner = computed(() => ({
    address: `${this.localPart().trim().toLowerCase()}@${this.context.domain()?.name ?? ''}`,
    displayName: this.displayName().trim() || undefined,
  }));
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly created = signal<CreatedMailboxResponseDto | null>(null);

  constructor() {
    effect(() => {
      const domain = this.context.domain();
      if (domain !== null && this.form.controls.quotaGb.pristine) {
        untracked(() => this.form.controls.quotaGb.setValue(bytesToGb(domain.defaultQuotaBytes)));
      }
    });
    // A generated password needs no field: disabled, the typed one (and its policy
    // errors) stop counting until "set a password" is chosen again.
    effect(() => {
      const { password, mustChangePassword } = this.form.controls;
      const set = this.mode() === 'set';
      untracked(() => {
        for (const control of [password, mustChangePassword]) {
          if (set) control.enable();
          else control.disable();
        }
      });
    });
  }

  protected async submit(): Promise<void> {
    const domain = this.context.domain();
    if (domain === null) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    const body: CreateMailboxDto = {
      localPart: value.localPart.trim(),
      displayName: value.displayName.trim(),
      quotaBytes: gbToBytes(value.quotaGb),
      active: value.active,
      language: value.language,
      ...value.protocols,
      ...(value.passwordMode === 'set'
        ? { password: value.password, mustChangePassword: value.mustChangePassword }
        : {}),
    };
    this.busy.set(true);
    this.error.set(null);
    try {
      this.created.set(await this.api.create(domain.name, body, this.idempotencyKey));
      void this.context.refresh();
    } catch (error) {
      this.error.set(
        this.problems.forForm(this.form, toProblem(error), {
          errors: MAILBOX_CREATE_ERRORS,
          fields: {
            quotaBytes: 'quotaGb',
            imapEnabled: 'protocols.imapEnabled',
            pop3Enabled: 'protocols.pop3Enabled',
            smtpEnabled: 'protocols.smtpEnabled',
          },
          codes: {
            MAILBOX_EXISTS: 'localPart',
            ADDRESS_IN_USE: 'localPart',
            SIGN_IN_ADDRESS_TAKEN: 'localPart',
            QUOTA_EXCEEDS_DOMAIN_MAX: 'quotaGb',
            QUOTA_EXCEEDS_DOMAIN_POOL: 'quotaGb',
            QUOTA_UNLIMITED_NOT_ALLOWED: 'quotaGb',
          },
        }),
      );
      this.idempotencyKey = newIdempotencyKey();
    } finally {
      this.busy.set(false);
    }
  }

  /** The password goes from this page's memory to the sheet, never back to the API. */
  protected printSheet(address: string, password: string): void {
    openHandoverSheet(this.dialog, { address, password });
  }

  /** Same form again for the next person on the list; settings stay, identity clears. */
  protected another(): void {
    this.created.set(null);
    this.idempotencyKey = newIdempotencyKey();
    this.form.controls.localPart.reset('');
    this.form.controls.displayName.reset('');
    this.form.controls.password.reset('');
  }

  protected domainLabel(): string {
    return this.i18n.t('mailboxes.create.inDomain', {
      domain: this.context.domain()?.unicodeName ?? '',
    });
  }
}
