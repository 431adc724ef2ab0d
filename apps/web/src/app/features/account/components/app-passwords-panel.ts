import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  signal,
  untracked,
} from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { AppPasswordResponseDto, CreatedAppPasswordResponseDto } from '@yubin/api-client';
import { toProblem, type UiProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { DateTimePipe, LocalDatePipe } from '../../../core/i18n/format.pipes';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { confirmAction } from '../../../shared/ui/confirm-dialog';
import { EmptyState, ErrorState, Loading } from '../../../shared/ui/list-states';
import { SecretOnce } from '../../../shared/ui/secret-once';
import { StatusBadge } from '../../../shared/ui/status-badge';
import type { AppPasswordSource } from '../data/app-password-source';
import { AppPasswordFormComponent } from './app-password-form';

/**
 * App passwords of one mailbox: for the user themselves, or for an admin issuing one on
 * their behalf. A new password is shown once; every one can be revoked.
 */
@Component({
  selector: 'yb-app-passwords-panel',
  imports: [
    MatButtonModule,
    MatIconModule,
    AppPasswordFormComponent,
    SecretOnce,
    StatusBadge,
    Loading,
    EmptyState,
    ErrorState,
    TranslatePipe,
    DateTimePipe,
    LocalDatePipe,
  ],
  template: `
    <div class="head">
      <div>
        <h2>{{ 'appPasswords.title' | t }}</h2>
        <p class="yb-muted intro">
          {{ (forAdmin() ? 'appPasswords.introAdmin' : 'appPasswords.intro') | t }}
        </p>
      </div>
      @if (canManage() && !adding()) {
        <button
          mat-stroked-button
          type="button"
          (click)="adding.set(true)"
          data-testid="new-app-password"
        >
          <mat-icon fontIcon="add" />{{ 'appPasswords.new' | t }}
        </button>
      }
    </div>

    @if (created(); as fresh) {
      <div class="created" data-testid="app-password-created">
        <h3>{{ 'appPasswords.createdTitle' | t: { name: fresh.name } }}</h3>
        <yb-secret-once
          [secret]="fresh.password"
          [label]="'appPasswords.secretLabel' | t"
          [warning]="(forAdmin() ? 'appPasswords.shownOnceAdmin' : 'appPasswords.shownOnce') | t"
          [copyLabel]="'common.copy' | t"
          [copiedLabel]="'common.copied' | t"
        />
        <p class="yb-hint">{{ 'appPasswords.howToUse' | t: { username: username() } }}</p>
        <div class="yb-actions">
          <button
            mat-button
            type="button"
            (click)="created.set(null)"
            data-testid="app-password-done"
          >
            {{ 'common.done' | t }}
          </button>
        </div>
      </div>
    }

    @if (adding()) {
      <div class="add">
        <yb-app-password-form [source]="source()" (created)="onCreated($event)">
          <button mat-button type="button" (click)="adding.set(false)">
            {{ 'common.cancel' | t }}
          </button>
        </yb-app-password-form>
      </div>
    }

    @if (problem(); as current) {
      <yb-error-state
        [message]="problems.describe(current)"
        [retryLabel]="'common.retry' | t"
        (retry)="load()"
      />
    } @else if (items(); as list) {
      @if (list.length === 0) {
        <yb-empty-state
          icon="key_off"
          [heading]="'appPasswords.empty' | t"
          [message]="'appPasswords.emptyHint' | t"
        />
      } @else {
        <div class="yb-table-wrap">
          <table class="yb-table" data-testid="app-password-table">
            <thead>
              <tr>
                <th scope="col">{{ 'appPasswords.fields.name' | t }}</th>
                <th scope="col">{{ 'appPasswords.fields.protocols' | t }}</th>
                <th scope="col">{{ 'appPasswords.fields.expires' | t }}</th>
                <th scope="col">{{ 'appPasswords.fields.lastUsed' | t }}</th>
                @if (canManage()) {
                  <th scope="col">
                    <span class="yb-visually-hidden">{{ 'common.actions' | t }}</span>
                  </th>
                }
              </tr>
            </thead>
            <tbody>
              @for (item of list; track item.id) {
                <tr>
                  <td>
                    {{ item.name }}
                    @if (item.createdBy === 'admin') {
                      <yb-status-badge [label]="'appPasswords.byAdmin' | t" tone="info" />
                    }
                  </td>
                  <td class="nowrap" [attr.data-label]="'appPasswords.fields.protocols' | t">
                    {{ protocolList(item) }}
                  </td>
                  <td class="nowrap" [attr.data-label]="'appPasswords.fields.expires' | t">
                    @if (item.expired) {
                      <yb-status-badge
                        [label]="'appPasswords.expired' | t"
                        tone="warn"
                        icon="schedule"
                      />
                    } @else if (item.expiresAt) {
                      {{ item.expiresAt | date }}
                    } @else {
                      {{ 'appPasswords.expiry.never' | t }}
                    }
                  </td>
                  <td class="nowrap" [attr.data-label]="'appPasswords.fields.lastUsed' | t">
                    {{
                      item.lastUsedAt
                        ? (item.lastUsedAt | dateTime)
                        : ('appPasswords.neverUsed' | t)
                    }}
                  </td>
                  @if (canManage()) {
                    <td class="actions">
                      <button
                        mat-button
                        type="button"
                        class="danger"
                        (click)="revoke(item)"
                        [attr.aria-label]="'appPasswords.revoke.named' | t: { name: item.name }"
                        data-testid="revoke-app-password"
                      >
                        {{ 'appPasswords.revoke.button' | t }}
                      </button>
                    </td>
                  }
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
      gap: 16px;
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      align-items: flex-start;
      gap: 12px;
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
    h3 {
      font: var(--mat-sys-title-medium);
    }
    .intro {
      margin: 4px 0 0;
      max-width: 70ch;
    }
    .created,
    .add {
      display: grid;
      gap: 12px;
      padding: 16px;
      border: 1px solid var(--mat-sys-outline-variant);
      border-radius: 12px;
    }
    .actions {
      text-align: right;
    }
    .danger {
      --mat-button-text-label-text-color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AppPasswordsPanel {
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  protected readonly problems = inject(ProblemText);

  readonly source = input.required<AppPasswordSource>();
  /** The user name mail apps ask for, for the "how to use it" line. */
  readonly username = input.required<string>();
  readonly canManage = input(true);
  /** An admin looks at someone else's mailbox: the wording says "their". */
  readonly forAdmin = input(false);

  protected readonly items = signal<AppPasswordResponseDto[] | null>(null);
  protected readonly problem = signal<UiProblem | null>(null);
  protected readonly adding = signal(false);
  protected readonly created = signal<CreatedAppPasswordResponseDto | null>(null);

  constructor() {
    effect(() => {
      this.source();
      untracked(() => void this.load());
    });
  }

  protected protocolList(item: AppPasswordResponseDto): string {
    return item.protocols
      .map((protocol) => this.i18n.t(`appPasswords.protocols.${protocol}`))
      .join(', ');
  }

  protected async load(): Promise<void> {
    this.problem.set(null);
    try {
      this.items.set(await this.source().list());
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected onCreated(created: CreatedAppPasswordResponseDto): void {
    this.created.set(created);
    this.adding.set(false);
    void this.load();
  }

  protected async revoke(item: AppPasswordResponseDto): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('appPasswords.revoke.title', { name: item.name }),
      message: this.i18n.t('appPasswords.revoke.message'),
      confirmLabel: this.i18n.t('appPasswords.revoke.confirm'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    try {
      await this.source().remove(item.id);
      this.snackBar.open(this.i18n.t('appPasswords.revoke.done', { name: item.name }));
      await this.load();
    } catch (error) {
      this.snackBar.open(this.problems.describe(toProblem(error)));
    }
  }
}
