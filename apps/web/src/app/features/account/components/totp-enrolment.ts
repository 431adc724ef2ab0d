import { Clipboard } from '@angular/cdk/clipboard';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  output,
  signal,
  type OnInit,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatCheckboxModule } from '@angular/material/checkbox';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import type { TotpEnrolmentResponseDto } from '@yubin/api-client';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { RecoveryCodes } from '../../../shared/ui/recovery-codes';
import { AccountApi } from '../data/account-api';
import { TOTP_CONFIRM_ERRORS } from '../data/form-errors';

export type EnrolmentStage = 'intro' | 'scan' | 'codes';

/**
 * The QR code the API drew, as an image: an SVG in an <img> cannot run script, and a
 * data: URL needs no sanitizer bypass (Angular allows data: images; the CSP allows
 * img-src data:). The SVG is never inserted into the page as markup.
 */
export function qrImageUrl(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

/** The Base32 secret in groups of four, easier to read and type. */
export function groupSecret(secret: string): string {
  return (secret.match(/.{1,4}/g) ?? []).join(' ');
}

/**
 * Turning on two-step sign-in: scan the QR code (or type the key), prove it with a code,
 * then keep the recovery codes, shown once.
 */
@Component({
  selector: 'yb-totp-enrolment',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatCheckboxModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    RecoveryCodes,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    @switch (stage()) {
      @case ('intro') {
        <p>{{ 'twoFactor.enrol.intro' | t }}</p>
        <p class="yb-hint">{{ 'twoFactor.enrol.apps' | t }}</p>
        @if (error(); as message) {
          <p class="yb-banner-error" role="alert">{{ message }}</p>
        }
        <div class="yb-actions">
          <button
            mat-flat-button
            type="button"
            [disabled]="busy()"
            (click)="start()"
            data-testid="start-enrolment"
          >
            {{ 'twoFactor.enrol.start' | t }}
          </button>
          @if (cancellable()) {
            <button mat-button type="button" (click)="cancelled.emit()">
              {{ 'common.cancel' | t }}
            </button>
          }
        </div>
      }
      @case ('scan') {
        @if (enrolment(); as current) {
          <ol class="steps">
            <li>
              <p>{{ 'twoFactor.enrol.scan' | t }}</p>
              <img
                class="qr"
                [src]="qrUrl()"
                width="200"
                height="200"
                [alt]="'twoFactor.enrol.qrAlt' | t"
                data-testid="totp-qr"
              />
              <p class="yb-hint">{{ 'twoFactor.enrol.cannotScan' | t }}</p>
              <div class="secret-row">
                <code
                  class="secret yb-mono"
                  data-testid="totp-secret"
                  [attr.aria-label]="'twoFactor.enrol.keyLabel' | t"
                  >{{ groupedSecret() }}</code
                >
                <button mat-stroked-button type="button" (click)="copySecret(current.secret)">
                  <mat-icon [fontIcon]="secretCopied() ? 'check' : 'content_copy'" />
                  {{ (secretCopied() ? 'common.copied' : 'twoFactor.enrol.copyKey') | t }}
                </button>
              </div>
              <p class="yb-hint">{{ 'twoFactor.enrol.keyDetails' | t }}</p>
            </li>
            <li>
              <form class="confirm" [formGroup]="form" (ngSubmit)="confirm()" novalidate>
                <p>{{ 'twoFactor.enrol.enterCode' | t }}</p>
                <mat-form-field>
                  <mat-label>{{ 'twoFactor.enrol.code' | t }}</mat-label>
                  <input
                    matInput
                    formControlName="code"
                    inputmode="numeric"
                    autocomplete="one-time-code"
                    required
                    data-testid="totp-code"
                  />
                  <mat-hint>{{ 'twoFactor.enrol.codeHint' | t }}</mat-hint>
                  <mat-error>{{ code.errors | fieldError }}</mat-error>
                </mat-form-field>
                @if (error(); as message) {
                  <p class="yb-banner-error" role="alert">{{ message }}</p>
                }
                <div class="yb-actions">
                  <button
                    mat-flat-button
                    type="submit"
                    [disabled]="busy()"
                    data-testid="confirm-enrolment"
                  >
                    {{ 'twoFactor.enrol.confirm' | t }}
                  </button>
                  @if (cancellable()) {
                    <button mat-button type="button" (click)="cancelled.emit()">
                      {{ 'common.cancel' | t }}
                    </button>
                  }
                </div>
              </form>
            </li>
          </ol>
        }
      }
      @case ('codes') {
        <p class="done" role="status">
          <mat-icon fontIcon="verified_user" />{{ 'twoFactor.enrol.on' | t }}
        </p>
        <p>{{ 'twoFactor.codes.explain' | t }}</p>
        <yb-recovery-codes [codes]="recoveryCodes()" [account]="account()" />
        <mat-checkbox [formControl]="saved" data-testid="codes-saved">{{
          'twoFactor.codes.saved' | t
        }}</mat-checkbox>
        <div class="yb-actions">
          <button
            mat-flat-button
            type="button"
            [disabled]="!savedValue()"
            (click)="completed.emit()"
            data-testid="finish-enrolment"
          >
            {{ 'twoFactor.enrol.finish' | t }}
          </button>
        </div>
      }
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 12px;
    }
    p {
      margin: 0;
      max-width: 64ch;
    }
    .steps {
      display: grid;
      gap: 20px;
      margin: 0;
      padding-left: 20px;
    }
    .steps > li {
      display: grid;
      gap: 10px;
    }
    .qr {
      background: #fff;
      border-radius: 8px;
      padding: 4px;
      border: 1px solid var(--mat-sys-outline-variant);
    }
    .secret-row {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: center;
    }
    .secret {
      font-size: 1.05rem;
      padding: 6px 10px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container);
      user-select: all;
      overflow-wrap: anywhere;
    }
    .confirm {
      display: grid;
      gap: 8px;
      max-width: 360px;
    }
    .done {
      display: flex;
      gap: 8px;
      align-items: center;
      font: var(--mat-sys-title-medium);
      color: var(--yb-ok);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TotpEnrolment implements OnInit {
  private readonly api = inject(AccountApi);
  private readonly problems = inject(ProblemText);
  private readonly clipboard = inject(Clipboard);

  /** Whose account, written on the downloaded recovery codes. */
  readonly account = input.required<string>();
  /** Skips the introduction (the sign-in step has already said why). */
  readonly autoStart = input(false);
  readonly cancellable = input(true);
  readonly completed = output();
  readonly cancelled = output();

  protected readonly stage = signal<EnrolmentStage>('intro');
  protected readonly enrolment = signal<TotpEnrolmentResponseDto | null>(null);
  protected readonly recoveryCodes = signal<string[]>([]);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly secretCopied = signal(false);
  protected readonly qrUrl = computed(() => qrImageUrl(this.enrolment()?.qrSvg ?? ''));
  protected readonly groupedSecret = computed(() => groupSecret(this.enrolment()?.secret ?? ''));
  protected readonly form = new FormGroup({
    code: new FormControl('', {
      nonNullable: true,
      // "123 456" as some apps show it is fine too.
      validators: [Validators.required, Validators.pattern(/^\s*\d{3}\s?\d{3}\s*$/)],
    }),
  });
  protected readonly code = this.form.controls.code;
  protected readonly saved = new FormControl(false, { nonNullable: true });
  protected readonly savedValue = toSignal(this.saved.valueChanges, { initialValue: false });

  ngOnInit(): void {
    if (this.autoStart()) void this.start();
  }

  protected async start(): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      this.enrolment.set(await this.api.startTotp());
      this.code.reset();
      this.stage.set('scan');
    } catch (error) {
      this.stage.set('intro');
      this.error.set(this.problems.describe(toProblem(error)));
    } finally {
      this.busy.set(false);
    }
  }

  protected async confirm(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      this.recoveryCodes.set(await this.api.confirmTotp(this.code.value.replace(/\s+/g, '')));
      this.stage.set('codes');
    } catch (error) {
      this.error.set(
        this.problems.forForm(this.form, toProblem(error), {
          errors: TOTP_CONFIRM_ERRORS,
          codes: { INVALID_TOTP_CODE: 'code' },
        }),
      );
    } finally {
      this.busy.set(false);
    }
  }

  protected copySecret(secret: string): void {
    if (this.clipboard.copy(secret)) this.secretCopied.set(true);
  }
}
