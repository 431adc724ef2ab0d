import { ChangeDetectionStrategy, Component, inject, input, output, signal } from '@angular/core';
import {
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  Validators,
  type AbstractControl,
  type ValidationErrors,
} from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { CreateAppPasswordDto, CreatedAppPasswordResponseDto } from '@yubin/api-client';
import type { MailProtocol } from '#contracts';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import type { MessageKey } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { newIdempotencyKey } from '../../../shared/forms/bytes';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import type { AppPasswordSource } from '../data/app-password-source';
import { APP_PASSWORD_CREATE_ERRORS } from '../data/form-errors';

export const APP_PASSWORD_PROTOCOLS = [
  {
    protocol: 'imap',
    label: 'appPasswords.protocols.imap',
    hint: 'appPasswords.protocols.imapHint',
  },
  {
    protocol: 'pop3',
    label: 'appPasswords.protocols.pop3',
    hint: 'appPasswords.protocols.pop3Hint',
  },
  {
    protocol: 'smtp',
    label: 'appPasswords.protocols.smtp',
    hint: 'appPasswords.protocols.smtpHint',
  },
] as const satisfies readonly { protocol: MailProtocol; label: MessageKey; hint: MessageKey }[];

export const APP_PASSWORD_EXPIRY = [
  { days: 0, label: 'appPasswords.expiry.never' },
  { days: 30, label: 'appPasswords.expiry.days30' },
  { days: 90, label: 'appPasswords.expiry.days90' },
  { days: 365, label: 'appPasswords.expiry.year' },
] as const satisfies readonly { days: number; label: MessageKey }[];

const atLeastOne = (group: AbstractControl): ValidationErrors | null =>
  Object.values(group.value as Record<string, boolean>).some(Boolean) ? null : { protocols: true };

const notBlank = (control: AbstractControl): ValidationErrors | null =>
  (control.value as string).trim() === '' && control.value !== '' ? { required: true } : null;

export function appPasswordForm() {
  return new FormGroup({
    name: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, notBlank, Validators.maxLength(100)],
    }),
    protocols: new FormGroup(
      {
        imap: new FormControl(true, { nonNullable: true }),
        pop3: new FormControl(false, { nonNullable: true }),
        smtp: new FormControl(true, { nonNullable: true }),
      },
      { validators: atLeastOne },
    ),
    expiryDays: new FormControl<number>(0, { nonNullable: true }),
  });
}

export type AppPasswordForm = ReturnType<typeof appPasswordForm>;

/** The request for what the form holds; `now` decides when "in 30 days" ends. */
export function appPasswordRequest(form: AppPasswordForm, now = new Date()): CreateAppPasswordDto {
  const value = form.getRawValue();
  const protocols = APP_PASSWORD_PROTOCOLS.map((option) => option.protocol).filter(
    (protocol) => value.protocols[protocol],
  );
  return {
    name: value.name.trim(),
    protocols,
    ...(value.expiryDays > 0
      ? { expiresAt: new Date(now.getTime() + value.expiryDays * 86_400_000).toISOString() }
      : {}),
  };
}

/** A new app password: what it is for, where it works, and for how long. */
@Component({
  selector: 'yb-app-password-form',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatCheckboxModule,
    MatSelectModule,
    MatButtonModule,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    <form class="form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <div class="yb-form-row">
        <mat-form-field>
          <mat-label>{{ 'appPasswords.fields.name' | t }}</mat-label>
          <input
            matInput
            formControlName="name"
            maxlength="100"
            autocomplete="off"
            data-testid="app-password-name"
          />
          <mat-hint>{{ 'appPasswords.fields.nameHint' | t }}</mat-hint>
          <mat-error>{{ form.controls.name.errors | fieldError }}</mat-error>
        </mat-form-field>
        <mat-form-field>
          <mat-label>{{ 'appPasswords.fields.expiry' | t }}</mat-label>
          <mat-select formControlName="expiryDays" data-testid="app-password-expiry">
            @for (option of expiries; track option.days) {
              <mat-option [value]="option.days">{{ option.label | t }}</mat-option>
            }
          </mat-select>
          <mat-error>{{ form.controls.expiryDays.errors | fieldError }}</mat-error>
        </mat-form-field>
      </div>
      <fieldset formGroupName="protocols">
        <legend>{{ 'appPasswords.fields.protocols' | t }}</legend>
        @for (option of protocols; track option.protocol) {
          <div class="protocol">
            <mat-checkbox
              [formControlName]="option.protocol"
              [attr.data-testid]="'app-password-' + option.protocol"
              >{{ option.label | t }}</mat-checkbox
            >
            <span class="yb-hint">{{ option.hint | t }}</span>
          </div>
        }
        @if (form.controls.protocols.touched && form.controls.protocols.invalid) {
          <p class="error" role="alert">{{ 'appPasswords.fields.protocolsRequired' | t }}</p>
        }
      </fieldset>
      @if (error(); as message) {
        <p class="yb-banner-error" role="alert">{{ message }}</p>
      }
      <div class="yb-actions">
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="create-app-password">
          {{ 'appPasswords.create' | t }}
        </button>
        <ng-content />
      </div>
    </form>
  `,
  styles: `
    .form {
      display: grid;
      gap: 4px;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0 0 12px;
    }
    legend {
      font: var(--mat-sys-title-small);
      padding: 0;
      margin-bottom: 4px;
    }
    .protocol {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0 8px;
    }
    .error {
      color: var(--mat-sys-error);
      font: var(--mat-sys-body-small);
      margin: 4px 0 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppPasswordFormComponent {
  private readonly problems = inject(ProblemText);
  private idempotencyKey = newIdempotencyKey();

  readonly source = input.required<AppPasswordSource>();
  readonly created = output<CreatedAppPasswordResponseDto>();

  protected readonly protocols = APP_PASSWORD_PROTOCOLS;
  protected readonly expiries = APP_PASSWORD_EXPIRY;
  protected readonly form = appPasswordForm();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const created = await this.source().create(
        appPasswordRequest(this.form),
        this.idempotencyKey,
      );
      this.form.reset();
      this.idempotencyKey = newIdempotencyKey();
      this.created.emit(created);
    } catch (error) {
      this.error.set(
        this.problems.forForm(this.form, toProblem(error), {
          errors: APP_PASSWORD_CREATE_ERRORS,
          fields: { expiresAt: 'expiryDays' },
        }),
      );
      this.idempotencyKey = newIdempotencyKey();
    } finally {
      this.busy.set(false);
    }
  }
}
