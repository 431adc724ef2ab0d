import { Clipboard } from '@angular/cdk/clipboard';
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
import { toSignal } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { CreateDkimKeyDto, DkimKeyResponseDto } from '@yubin/api-client';
import { DKIM_ALGORITHMS, type DkimAlgorithm, type DkimKeyState } from '#contracts';
import { Session } from '../../../core/auth/session';
import { toProblem, type UiProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { LocalDatePipe } from '../../../core/i18n/format.pipes';
import { formatDate } from '../../../core/i18n/format';
import { I18n, type MessageKey } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { newIdempotencyKey } from '../../../shared/forms/bytes';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { confirmAction } from '../../../shared/ui/confirm-dialog';
import { EmptyState, ErrorState, Loading } from '../../../shared/ui/list-states';
import { StatusBadge, type BadgeTone } from '../../../shared/ui/status-badge';
import { DkimApi } from '../data/dkim-api';
import { DKIM_KEY_CREATE_ERRORS } from '../data/form-errors';

const ALGORITHMS: Readonly<Record<DkimAlgorithm, { label: MessageKey; hint: MessageKey }>> = {
  'rsa-2048': { label: 'dns.dkim.algorithms.rsa-2048', hint: 'dns.dkim.algorithms.rsaHint' },
  ed25519: { label: 'dns.dkim.algorithms.ed25519', hint: 'dns.dkim.algorithms.ed25519Hint' },
};

const STATE_LOOK: Readonly<Record<DkimKeyState, { tone: BadgeTone; icon: string }>> = {
  published: { tone: 'info', icon: 'schedule' },
  active: { tone: 'ok', icon: 'verified' },
  retiring: { tone: 'warn', icon: 'hourglass_bottom' },
  retired: { tone: 'off', icon: 'block' },
};

/**
 * The dates of the rotation's next steps, where the API gives them: `rotatesAt` (when the
 * signing key is replaced on a schedule) and `retiresAt` (when a retiring key's record
 * leaves DNS), else `retireAfter`.
 */
type DkimKey = DkimKeyResponseDto & { rotatesAt?: string | null; retiresAt?: string | null };

export function dkimKeyForm() {
  return new FormGroup({
    algorithm: new FormControl<DkimAlgorithm>('rsa-2048', { nonNullable: true }),
    selector: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(63)] }),
  });
}

export type DkimKeyForm = ReturnType<typeof dkimKeyForm>;

/** The request: an empty selector lets the API name the key after today's date. */
export function dkimKeyRequest(form: DkimKeyForm): CreateDkimKeyDto {
  const value = form.getRawValue();
  const selector = value.selector.trim().toLowerCase();
  return { algorithm: value.algorithm, ...(selector === '' ? {} : { selector }) };
}

/**
 * The domain's DKIM keys (ADR 0016): each with its place in the rotation in plain words,
 * its dates and its record to copy; creating a key and starting a rotation for those who
 * may change the domain.
 */
@Component({
  selector: 'yb-dkim-keys-card',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatIconModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatTooltipModule,
    StatusBadge,
    Loading,
    EmptyState,
    ErrorState,
    TranslatePipe,
    LocalDatePipe,
    FieldErrorPipe,
  ],
  template: `
    <div class="head">
      <div>
        <h2>{{ 'dns.dkim.title' | t }}</h2>
        <p class="yb-hint intro">{{ 'dns.dkim.intro' | t }}</p>
      </div>
      @if (canWrite()) {
        <div class="yb-actions">
          @if (!creating()) {
            <button
              mat-stroked-button
              type="button"
              [disabled]="busy()"
              (click)="creating.set(true)"
              data-testid="dkim-create"
            >
              <mat-icon fontIcon="add" />{{ 'dns.dkim.create' | t }}
            </button>
          }
          <button
            mat-stroked-button
            type="button"
            [disabled]="busy() || !hasKeys()"
            (click)="rotate()"
            data-testid="dkim-rotate"
          >
            <mat-icon fontIcon="autorenew" />{{ 'dns.dkim.rotate' | t }}
          </button>
        </div>
      }
    </div>

    @if (creating()) {
      <form
        class="create"
        [formGroup]="form"
        (ngSubmit)="create()"
        novalidate
        data-testid="dkim-create-form"
      >
        <div class="yb-form-row">
          <mat-form-field>
            <mat-label>{{ 'dns.dkim.fields.algorithm' | t }}</mat-label>
            <mat-select formControlName="algorithm" data-testid="dkim-algorithm">
              @for (algorithm of algorithms; track algorithm) {
                <mat-option [value]="algorithm">{{ algorithmLabel(algorithm) | t }}</mat-option>
              }
            </mat-select>
            <mat-hint>{{ algorithmHint() | t }}</mat-hint>
            <mat-error>{{ form.controls.algorithm.errors | fieldError }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'dns.dkim.fields.selector' | t }}</mat-label>
            <input
              matInput
              formControlName="selector"
              maxlength="63"
              autocomplete="off"
              spellcheck="false"
              data-testid="dkim-selector"
            />
            <mat-hint>{{ 'dns.dkim.fields.selectorHint' | t }}</mat-hint>
            <mat-error>{{ form.controls.selector.errors | fieldError }}</mat-error>
          </mat-form-field>
        </div>
        @if (formError(); as text) {
          <p class="yb-banner-error" role="alert">{{ text }}</p>
        }
        <div class="yb-actions">
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="dkim-create-save">
            {{ 'dns.dkim.create' | t }}
          </button>
          <button mat-button type="button" [disabled]="busy()" (click)="cancelCreate()">
            {{ 'common.cancel' | t }}
          </button>
        </div>
      </form>
    }

    @if (message(); as text) {
      <p class="yb-hint" role="status" data-testid="dkim-message">{{ text }}</p>
    }
    @if (actionError(); as text) {
      <p class="yb-banner-error" role="alert" data-testid="dkim-error">{{ text }}</p>
    }

    @if (loadProblem(); as problem) {
      <yb-error-state
        [message]="problems.describe(problem)"
        [retryLabel]="'common.retry' | t"
        (retry)="load()"
      />
    } @else if (keys(); as list) {
      @if (list.length === 0) {
        <yb-empty-state
          icon="key_off"
          [heading]="'dns.dkim.empty' | t"
          [message]="'dns.dkim.emptyHint' | t"
        />
      } @else {
        <div class="yb-table-wrap">
          <table class="yb-table" data-testid="dkim-table">
            <thead>
              <tr>
                <th scope="col">{{ 'dns.dkim.fields.selector' | t }}</th>
                <th scope="col">{{ 'dns.dkim.fields.algorithm' | t }}</th>
                <th scope="col">{{ 'dns.dkim.fields.state' | t }}</th>
                <th scope="col">{{ 'dns.dkim.fields.created' | t }}</th>
                <th scope="col">{{ 'dns.dkim.fields.activated' | t }}</th>
                <th scope="col">{{ 'dns.dkim.fields.nextStep' | t }}</th>
                <th scope="col">{{ 'dns.dkim.fields.record' | t }}</th>
              </tr>
            </thead>
            <tbody>
              @for (key of list; track key.selector) {
                <tr [attr.data-testid]="'dkim-key-' + key.selector">
                  <td>
                    <code class="selector">{{ key.selector }}</code>
                  </td>
                  <td class="nowrap" [attr.data-label]="'dns.dkim.fields.algorithm' | t">
                    {{ algorithmLabel(key.algorithm) | t }}
                  </td>
                  <td [attr.data-label]="'dns.dkim.fields.state' | t">
                    <yb-status-badge
                      class="state"
                      [label]="stateText(key)"
                      [tone]="look(key).tone"
                      [icon]="look(key).icon"
                      [attr.data-testid]="'dkim-state-' + key.state"
                    />
                  </td>
                  <td class="nowrap" [attr.data-label]="'dns.dkim.fields.created' | t">
                    {{ key.createdAt | date }}
                  </td>
                  <td class="nowrap" [attr.data-label]="'dns.dkim.fields.activated' | t">
                    {{ key.activatedAt ? (key.activatedAt | date) : '—' }}
                  </td>
                  <td [attr.data-label]="'dns.dkim.fields.nextStep' | t" data-testid="dkim-next">
                    {{ nextStep(key) }}
                  </td>
                  <td [attr.data-label]="'dns.dkim.fields.record' | t">
                    @if (key.state !== 'retired') {
                      <button
                        mat-icon-button
                        type="button"
                        (click)="copy(key.dnsName)"
                        [attr.aria-label]="'dns.dkim.copyName' | t: { selector: key.selector }"
                        [matTooltip]="'dns.dkim.copyName' | t: { selector: key.selector }"
                        data-testid="dkim-copy-name"
                      >
                        <mat-icon fontIcon="label" />
                      </button>
                      <button
                        mat-icon-button
                        type="button"
                        (click)="copy(key.dnsValue)"
                        [attr.aria-label]="'dns.dkim.copyValue' | t: { selector: key.selector }"
                        [matTooltip]="'dns.dkim.copyValue' | t: { selector: key.selector }"
                        data-testid="dkim-copy-value"
                      >
                        <mat-icon fontIcon="content_copy" />
                      </button>
                    } @else {
                      —
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    } @else {
      <yb-loading [label]="'common.loading' | t" />
    }
  `,
  styles: `
    :host {
      display: grid;
      gap: 12px;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: flex-start;
      gap: 12px;
    }
    .intro {
      margin: 4px 0 0;
      max-width: 70ch;
    }
    .create {
      display: grid;
      gap: 12px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    .selector {
      overflow-wrap: anywhere;
    }
    .state {
      white-space: normal;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class DkimKeysCard {
  private readonly api = inject(DkimApi);
  private readonly session = inject(Session);
  private readonly dialog = inject(MatDialog);
  private readonly clipboard = inject(Clipboard);
  private readonly i18n = inject(I18n);
  protected readonly problems = inject(ProblemText);

  /** The domain's name, lowercase. */
  readonly domain = input.required<string>();
  /** A key was made: the DNS records changed (a new DKIM TXT record). */
  readonly changed = output();

  protected readonly algorithms = DKIM_ALGORITHMS;
  protected readonly canWrite = computed(() => this.session.can('domains:write'));
  protected readonly keys = signal<DkimKey[] | null>(null);
  protected readonly hasKeys = computed(() => (this.keys()?.length ?? 0) > 0);
  protected readonly loadProblem = signal<UiProblem | null>(null);
  protected readonly creating = signal(false);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  protected readonly formError = signal<string | null>(null);
  protected readonly form = dkimKeyForm();
  private readonly algorithm = toSignal(this.form.controls.algorithm.valueChanges, {
    initialValue: this.form.controls.algorithm.value,
  });
  protected readonly algorithmHint = computed(() => ALGORITHMS[this.algorithm()].hint);
  /** One key per attempt: a retry of the same request does not make a second key. */
  private createKey = newIdempotencyKey();

  constructor() {
    effect(() => {
      this.domain();
      untracked(() => void this.load());
    });
  }

  async load(): Promise<void> {
    this.loadProblem.set(null);
    try {
      this.keys.set((await this.api.list(this.domain())).keys);
    } catch (error) {
      this.loadProblem.set(toProblem(error));
    }
  }

  protected algorithmLabel(algorithm: DkimAlgorithm): MessageKey {
    return ALGORITHMS[algorithm].label;
  }

  protected look(key: DkimKey): (typeof STATE_LOOK)[DkimKeyState] {
    return STATE_LOOK[key.state];
  }

  protected stateText(key: DkimKey): string {
    if (key.state !== 'retiring') return this.i18n.t(`dns.dkim.states.${key.state}`);
    const until = key.retiresAt ?? key.retireAfter;
    return until === null
      ? this.i18n.t('dns.dkim.states.retiringSoon')
      : this.i18n.t('dns.dkim.states.retiring', { date: this.date(until) });
  }

  protected nextStep(key: DkimKey): string {
    switch (key.state) {
      case 'published':
        return this.i18n.t('dns.dkim.next.published');
      case 'active':
        return key.rotatesAt
          ? this.i18n.t('dns.dkim.next.activeRotates', { date: this.date(key.rotatesAt) })
          : this.i18n.t('dns.dkim.next.active');
      case 'retiring': {
        const until = key.retiresAt ?? key.retireAfter;
        return until === null
          ? '—'
          : this.i18n.t('dns.dkim.next.retiring', { date: this.date(until) });
      }
      case 'retired':
        return key.retiredAt === null
          ? '—'
          : this.i18n.t('dns.dkim.next.retired', { date: this.date(key.retiredAt) });
    }
  }

  protected copy(text: string): void {
    this.clipboard.copy(text);
    this.message.set(this.i18n.t('dns.records.copied'));
  }

  protected cancelCreate(): void {
    this.creating.set(false);
    this.formError.set(null);
    this.form.reset();
  }

  protected async create(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.start();
    try {
      const key = await this.api.create(this.domain(), dkimKeyRequest(this.form), this.createKey);
      this.createKey = newIdempotencyKey();
      this.creating.set(false);
      this.form.reset();
      this.message.set(this.i18n.t('dns.dkim.createdKey', { selector: key.selector }));
      await this.afterChange();
    } catch (error) {
      this.formError.set(
        this.problems.forForm(this.form, toProblem(error), { errors: DKIM_KEY_CREATE_ERRORS }),
      );
    } finally {
      this.busy.set(false);
    }
  }

  protected async rotate(): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('dns.dkim.rotateDialog.title', { domain: this.domain() }),
      message: this.i18n.t('dns.dkim.rotateDialog.message'),
      confirmLabel: this.i18n.t('dns.dkim.rotateDialog.confirm'),
      cancelLabel: this.i18n.t('common.cancel'),
    });
    if (!confirmed) return;
    this.start();
    try {
      const key = await this.api.rotate(this.domain(), newIdempotencyKey());
      this.message.set(this.i18n.t('dns.dkim.rotated', { selector: key.selector }));
      await this.afterChange();
    } catch (error) {
      this.actionError.set(this.problems.describe(toProblem(error)));
    } finally {
      this.busy.set(false);
    }
  }

  private start(): void {
    this.busy.set(true);
    this.message.set(null);
    this.actionError.set(null);
    this.formError.set(null);
  }

  private async afterChange(): Promise<void> {
    this.changed.emit();
    await this.load();
  }

  private date(value: string): string {
    return formatDate(value, this.i18n.locale());
  }
}
