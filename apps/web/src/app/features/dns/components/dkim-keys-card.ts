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
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { DkimKeyResponseDto, DkimSettingsResponseDto } from '@yubin/api-client';
import type { DkimAlgorithm, DkimKeyState } from '#contracts';
import { Session } from '../../../core/auth/session';
import { toProblem, type UiProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { LocalDatePipe } from '../../../core/i18n/format.pipes';
import { I18n, type MessageKey } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { newIdempotencyKey } from '../../../shared/forms/bytes';
import { confirmAction } from '../../../shared/ui/confirm-dialog';
import { EmptyState, ErrorState, Loading } from '../../../shared/ui/list-states';
import { StatusBadge, type BadgeTone } from '../../../shared/ui/status-badge';
import { DkimApi } from '../data/dkim-api';
import { dkimNextStep, dkimStateText, type DkimKey } from '../data/dkim-key-steps';
import { DKIM_ALGORITHM_TEXT, DkimKeyFormComponent } from './dkim-key-form';
import { DkimScheduleFormComponent } from './dkim-schedule-form';
import { toUnicodeName } from '../../../shared/data/idn';

const STATE_LOOK: Readonly<Record<DkimKeyState, { tone: BadgeTone; icon: string }>> = {
  published: { tone: 'info', icon: 'schedule' },
  active: { tone: 'ok', icon: 'verified' },
  retiring: { tone: 'warn', icon: 'hourglass_bottom' },
  retired: { tone: 'off', icon: 'block' },
};

/**
 * The domain's DKIM keys (ADR 0016): each with its place in the rotation in plain words,
 * its dates and its record to copy; creating a key (DkimKeyFormComponent) and starting a
 * rotation for those who may change the domain.
 */
@Component({
  selector: 'yb-dkim-keys-card',
  imports: [
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    DkimKeyFormComponent,
    DkimScheduleFormComponent,
    StatusBadge,
    Loading,
    EmptyState,
    ErrorState,
    TranslatePipe,
    LocalDatePipe,
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
      <yb-dkim-key-form
        [domain]="domain()"
        (created)="onCreated($event)"
        (cancelled)="creating.set(false)"
      />
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
                    @if (key.firstSignedAt; as signedAt) {
                      <div class="yb-hint first-signed" data-testid="dkim-first-signed">
                        {{ 'dns.dkim.fields.firstSigned' | t: { date: (signedAt | date) } }}
                      </div>
                    }
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
                      <div class="copy">
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
                      </div>
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

    <yb-dkim-schedule-form
      [domain]="domain()"
      [readonly]="!canWrite()"
      (settingsChange)="schedule.set($event)"
      (saved)="load()"
    />
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
    .selector {
      overflow-wrap: break-word;
    }
    .copy {
      display: flex;
      gap: 4px;
    }
    .state {
      white-space: normal;
    }
    .first-signed {
      margin-top: 4px;
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

  protected readonly canWrite = computed(() => this.session.can('domains:write'));
  protected readonly keys = signal<DkimKey[] | null>(null);
  protected readonly hasKeys = computed(() => (this.keys()?.length ?? 0) > 0);
  protected readonly loadProblem = signal<UiProblem | null>(null);
  protected readonly creating = signal(false);
  protected readonly busy = signal(false);
  protected readonly message = signal<string | null>(null);
  protected readonly actionError = signal<string | null>(null);
  /** The domain's rotation schedule, once the schedule form has loaded it. */
  protected readonly schedule = signal<DkimSettingsResponseDto | null>(null);

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
    return DKIM_ALGORITHM_TEXT[algorithm].label;
  }

  protected look(key: DkimKey): (typeof STATE_LOOK)[DkimKeyState] {
    return STATE_LOOK[key.state];
  }

  protected stateText(key: DkimKey): string {
    return dkimStateText(key, this.i18n);
  }

  protected nextStep(key: DkimKey): string {
    return dkimNextStep(key, this.i18n);
  }

  protected copy(text: string): void {
    this.clipboard.copy(text);
    this.message.set(this.i18n.t('dns.records.copied'));
  }

  protected async onCreated(key: DkimKeyResponseDto): Promise<void> {
    this.creating.set(false);
    this.message.set(this.i18n.t('dns.dkim.createdKey', { selector: key.selector }));
    this.actionError.set(null);
    await this.afterChange();
  }

  protected async rotate(): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('dns.dkim.rotateDialog.title', { domain: toUnicodeName(this.domain()) }),
      message: this.rotateMessage(),
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

  /** What rotating does, with the domain's own overlap once the schedule is known. */
  private rotateMessage(): string {
    const days = this.schedule()?.effective.dkimOverlapDays;
    return days === undefined
      ? this.i18n.t('dns.dkim.rotateDialog.message')
      : this.i18n.t('dns.dkim.rotateDialog.messageDays', { days });
  }

  private start(): void {
    this.busy.set(true);
    this.message.set(null);
    this.actionError.set(null);
  }

  private async afterChange(): Promise<void> {
    this.changed.emit();
    await this.load();
  }
}
