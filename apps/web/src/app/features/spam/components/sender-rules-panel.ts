import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import type { CreateSenderRuleDto, SenderRuleResponseDto } from '@yubin/api-client';
import type { SenderMatchType, SenderRuleKind } from '#contracts';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { I18n, type MessageKey } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { CursorPager } from '../../../shared/data/cursor-pager';
import { newIdempotencyKey } from '../../../shared/forms/bytes';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { confirmAction } from '../../../shared/ui/confirm-dialog';
import { EmptyState, ErrorState, Loading } from '../../../shared/ui/list-states';
import { Pager } from '../../../shared/ui/pager';
import { StatusBadge } from '../../../shared/ui/status-badge';
import type { SenderRuleSource } from '../data/spam-api';
import { SENDER_RULE_CREATE_ERRORS } from '../data/form-errors';
import { toUnicodeName } from '../../../shared/data/idn';

export const MATCH_TYPES = [
  { type: 'sender', label: 'spam.rules.sender', hint: 'spam.rules.senderHint' },
  { type: 'senderDomain', label: 'spam.rules.senderDomain', hint: 'spam.rules.senderDomainHint' },
  { type: 'clientIp', label: 'spam.rules.clientIp', hint: 'spam.rules.clientIpHint' },
] as const satisfies readonly { type: SenderMatchType; label: MessageKey; hint: MessageKey }[];

export function senderRuleForm(kind: SenderRuleKind) {
  return new FormGroup({
    kind: new FormControl<SenderRuleKind>(kind, { nonNullable: true }),
    type: new FormControl<SenderMatchType>('sender', { nonNullable: true }),
    value: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(320)],
    }),
    note: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
  });
}

export type SenderRuleForm = ReturnType<typeof senderRuleForm>;

export function senderRuleRequest(form: SenderRuleForm): CreateSenderRuleDto {
  const value = form.getRawValue();
  const note = value.note.trim();
  return {
    kind: value.kind,
    match: { [value.type]: value.value.trim() },
    ...(note === '' ? {} : { note }),
  };
}

/** The field errors of a rule's match, wherever the API puts them, land on the one input. */
const FIELDS = {
  match: 'value',
  'match.sender': 'value',
  'match.senderDomain': 'value',
  'match.clientIp': 'value',
};

/**
 * One list of sender rules with add and remove. Rules of the levels above show too,
 * marked with where they come from, and cannot be removed here.
 */
@Component({
  selector: 'yb-sender-rules-panel',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    MatSelectModule,
    TranslatePipe,
    FieldErrorPipe,
    Pager,
    StatusBadge,
    Loading,
    EmptyState,
    ErrorState,
  ],
  template: `
    <h2>{{ heading() }}</h2>
    @if (intro(); as text) {
      <p class="yb-muted">{{ text }}</p>
    }
    @if (!readonly()) {
      <form
        class="add"
        [formGroup]="form"
        (ngSubmit)="add()"
        novalidate
        [attr.data-testid]="testId() + '-form'"
      >
        <div class="yb-form-row">
          @if (kind() === undefined) {
            <mat-form-field>
              <mat-label>{{ 'spam.rules.kind' | t }}</mat-label>
              <mat-select formControlName="kind" [attr.data-testid]="testId() + '-kind'">
                <mat-option value="block">{{ 'spam.rules.block' | t }}</mat-option>
                <mat-option value="allow">{{ 'spam.rules.allow' | t }}</mat-option>
              </mat-select>
            </mat-form-field>
          }
          <mat-form-field>
            <mat-label>{{ 'spam.rules.matchType' | t }}</mat-label>
            <mat-select formControlName="type" [attr.data-testid]="testId() + '-type'">
              @for (option of matchTypes; track option.type) {
                <mat-option [value]="option.type">{{ option.label | t }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field class="value">
            <mat-label>{{ typeLabel() | t }}</mat-label>
            <input
              matInput
              formControlName="value"
              autocomplete="off"
              [attr.data-testid]="testId() + '-value'"
            />
            <mat-hint>{{ typeHint() | t }}</mat-hint>
            <mat-error>{{ form.controls.value.errors | fieldError }}</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>{{ 'spam.rules.note' | t }}</mat-label>
            <input matInput formControlName="note" maxlength="200" autocomplete="off" />
            <mat-error>{{ form.controls.note.errors | fieldError }}</mat-error>
          </mat-form-field>
        </div>
        @if (error(); as message) {
          <p class="yb-banner-error" role="alert">{{ message }}</p>
        }
        <div class="yb-actions">
          <button
            mat-stroked-button
            type="submit"
            [disabled]="busy()"
            [attr.data-testid]="testId() + '-add'"
          >
            <mat-icon fontIcon="add" />{{ 'spam.rules.add' | t }}
          </button>
        </div>
      </form>
    }

    @if (pager.error(); as problem) {
      <yb-error-state
        [message]="problems.describe(problem)"
        [retryLabel]="'common.retry' | t"
        (retry)="pager.reload()"
      />
    } @else if (!pager.loaded()) {
      <yb-loading [label]="'common.loading' | t" />
    } @else if (pager.items().length === 0) {
      <yb-empty-state icon="rule" [heading]="'spam.rules.empty' | t" />
    } @else {
      <ul class="rules" [attr.data-testid]="testId() + '-list'">
        @for (rule of pager.items(); track rule.id) {
          <li [attr.data-testid]="testId() + '-rule'">
            <span class="match">{{ matchText(rule) }}</span>
            @if (kind() === undefined) {
              <yb-status-badge
                [label]="(rule.kind === 'block' ? 'spam.rules.block' : 'spam.rules.allow') | t"
                [tone]="rule.kind === 'block' ? 'warn' : 'ok'"
              />
            }
            <yb-status-badge
              [label]="sourceLabel(rule) | t"
              [tone]="isOwn(rule) ? 'info' : 'off'"
            />
            @if (rule.note) {
              <span class="yb-hint note">{{ rule.note }}</span>
            }
            @if (isOwn(rule) && !readonly()) {
              <button
                mat-button
                type="button"
                (click)="remove(rule)"
                [attr.aria-label]="'spam.rules.removeOne' | t: { match: matchText(rule) }"
                [attr.data-testid]="testId() + '-remove'"
              >
                {{ 'spam.rules.remove' | t }}
              </button>
            }
          </li>
        }
      </ul>
      <yb-pager [source]="pager" />
    }
  `,
  styles: `
    .rules {
      list-style: none;
      padding: 0;
      margin: 0;
    }
    .rules li {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 12px;
      padding: 8px 0;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .match {
      font-family: var(--yb-mono, monospace);
      overflow-wrap: anywhere;
    }
    .note {
      flex: 1 1 12rem;
    }
    .value {
      flex: 2 1 16rem;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SenderRulesPanel {
  protected readonly problems = inject(ProblemText);
  private readonly i18n = inject(I18n);
  private readonly dialog = inject(MatDialog);
  private idempotencyKey = newIdempotencyKey();

  readonly source = input.required<SenderRuleSource>();
  /** A list of one kind only ("Blocked senders", "Always allow"); both when unset. */
  readonly kind = input<SenderRuleKind>();
  readonly heading = input.required<string>();
  readonly intro = input<string>();
  readonly readonly = input(false);
  readonly testId = input('sender-rules');

  protected readonly matchTypes = MATCH_TYPES;
  protected readonly form = senderRuleForm('block');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  private readonly type = signal<SenderMatchType>('sender');
  protected readonly typeLabel = computed(
    () => MATCH_TYPES.find((option) => option.type === this.type())?.label ?? 'spam.rules.sender',
  );
  protected readonly typeHint = computed(
    () =>
      MATCH_TYPES.find((option) => option.type === this.type())?.hint ?? 'spam.rules.senderHint',
  );

  protected readonly pager = new CursorPager<SenderRuleResponseDto>((cursor) =>
    this.source().list({ cursor, kind: this.kind(), inherited: true }),
  );

  constructor() {
    this.form.controls.type.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((type) => this.type.set(type));
    effect(() => {
      this.source();
      const kind = this.kind();
      untracked(() => {
        this.form.controls.kind.setValue(kind ?? 'block');
        void this.pager.reset();
      });
    });
  }

  protected isOwn(rule: SenderRuleResponseDto): boolean {
    return rule.level === this.source().level;
  }

  protected sourceLabel(rule: SenderRuleResponseDto): MessageKey {
    if (this.isOwn(rule)) return 'spam.rules.own';
    return rule.level === 'global' ? 'spam.rules.fromGlobal' : 'spam.rules.fromDomain';
  }

  protected matchText(rule: SenderRuleResponseDto): string {
    const name = rule.match.sender ?? rule.match.senderDomain;
    return name === undefined ? (rule.match.clientIp ?? '') : toUnicodeName(name);
  }

  protected async add(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      await this.source().create(senderRuleRequest(this.form), this.idempotencyKey);
      this.form.reset({ kind: this.kind() ?? 'block', type: this.form.controls.type.value });
      await this.pager.reset();
    } catch (error) {
      this.error.set(
        this.problems.forForm(this.form, toProblem(error), {
          errors: SENDER_RULE_CREATE_ERRORS,
          fields: FIELDS,
          codes: { SENDER_RULE_EXISTS: 'value' },
        }),
      );
    } finally {
      this.idempotencyKey = newIdempotencyKey();
      this.busy.set(false);
    }
  }

  protected async remove(rule: SenderRuleResponseDto): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('spam.rules.removeTitle', { match: this.matchText(rule) }),
      message: this.i18n.t('spam.rules.removeMessage'),
      confirmLabel: this.i18n.t('spam.rules.remove'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    try {
      await this.source().remove(rule.id);
    } catch (error) {
      this.error.set(this.problems.describe(toProblem(error)));
    }
    await this.pager.reload();
  }
}
