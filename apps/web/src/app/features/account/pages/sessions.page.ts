import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { SessionResponseDto } from '@yubin/api-client';
import { toProblem, type UiProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { DateTimePipe, RelativeTimePipe } from '../../../core/i18n/format.pipes';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { confirmAction } from '../../../shared/ui/confirm-dialog';
import { EmptyState, ErrorState, Loading } from '../../../shared/ui/list-states';
import { StatusBadge } from '../../../shared/ui/status-badge';
import { AccountApi } from '../data/account-api';
import { describeUserAgent } from '../data/user-agent';

/** Where the user is signed in, and a way to end any of it. */
@Component({
  selector: 'yb-sessions-page',
  imports: [
    MatButtonModule,
    MatIconModule,
    StatusBadge,
    Loading,
    EmptyState,
    ErrorState,
    TranslatePipe,
    DateTimePipe,
    RelativeTimePipe,
  ],
  template: `
    <section class="yb-card">
      <div class="head">
        <div>
          <h2>{{ 'sessions.title' | t }}</h2>
          <p class="yb-muted intro">{{ 'sessions.intro' | t }}</p>
        </div>
        @if (others() > 0) {
          <button
            mat-stroked-button
            type="button"
            class="danger"
            (click)="endOthers()"
            data-testid="end-other-sessions"
          >
            <mat-icon fontIcon="logout" />{{ 'sessions.endOthers' | t }}
          </button>
        }
      </div>
      @if (problem(); as current) {
        <yb-error-state
          [message]="problems.describe(current)"
          [retryLabel]="'common.retry' | t"
          (retry)="load()"
        />
      } @else if (sessions(); as list) {
        @if (list.length === 0) {
          <yb-empty-state icon="devices" [heading]="'sessions.empty' | t" />
        } @else {
          <ul class="list" data-testid="session-list">
            @for (item of list; track item.id) {
              <li class="session">
                <mat-icon [fontIcon]="icon(item)" />
                <div class="what">
                  <span class="device">
                    {{ device(item) }}
                    @if (item.current) {
                      <yb-status-badge [label]="'sessions.current' | t" tone="ok" />
                    }
                  </span>
                  <span class="yb-hint">
                    {{
                      'sessions.details'
                        | t
                          : {
                              ip: item.ip ?? ('sessions.unknownIp' | t),
                              seen: (item.lastSeenAt | relative),
                              started: (item.createdAt | dateTime),
                            }
                    }}
                  </span>
                </div>
                @if (!item.current) {
                  <button
                    mat-button
                    type="button"
                    class="danger"
                    (click)="end(item)"
                    [attr.aria-label]="'sessions.endNamed' | t: { device: device(item) }"
                    data-testid="end-session"
                  >
                    {{ 'sessions.end' | t }}
                  </button>
                }
              </li>
            }
          </ul>
        }
      } @else {
        <yb-loading [label]="'common.loading' | t" />
      }
    </section>
  `,
  styles: `
    .head {
      display: flex;
      flex-wrap: wrap;
      justify-content: space-between;
      gap: 12px;
      margin-bottom: 12px;
    }
    h2 {
      font: var(--mat-sys-title-large);
    }
    .intro {
      margin: 4px 0 0;
      max-width: 70ch;
    }
    .list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .session {
      display: flex;
      gap: 16px;
      align-items: center;
      padding: 12px 0;
      border-top: 1px solid var(--mat-sys-outline-variant);
    }
    .what {
      flex: 1;
      display: grid;
      gap: 2px;
    }
    .device {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      font: var(--mat-sys-title-small);
    }
    .danger {
      --mat-button-text-label-text-color: var(--mat-sys-error);
      --mat-button-outlined-label-text-color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class SessionsPage {
  private readonly api = inject(AccountApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  protected readonly problems = inject(ProblemText);

  protected readonly sessions = signal<SessionResponseDto[] | null>(null);
  protected readonly problem = signal<UiProblem | null>(null);
  protected readonly others = signal(0);

  constructor() {
    void this.load();
  }

  protected device(session: SessionResponseDto): string {
    const { browser, system } = describeUserAgent(session.userAgent);
    if (browser !== null && system !== null)
      return this.i18n.t('sessions.browserOn', { browser, system });
    return browser ?? system ?? this.i18n.t('sessions.unknownDevice');
  }

  protected icon(session: SessionResponseDto): string {
    const { system } = describeUserAgent(session.userAgent);
    return system === 'iOS' || system === 'Android' ? 'smartphone' : 'computer';
  }

  protected async load(): Promise<void> {
    this.problem.set(null);
    try {
      const sessions = await this.api.sessions();
      // This device first, then the most recently active.
      sessions.sort(
        (a, b) => Number(b.current) - Number(a.current) || b.lastSeenAt.localeCompare(a.lastSeenAt),
      );
      this.sessions.set(sessions);
      this.others.set(sessions.filter((session) => !session.current).length);
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected async end(session: SessionResponseDto): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('sessions.endTitle', { device: this.device(session) }),
      message: this.i18n.t('sessions.endMessage'),
      confirmLabel: this.i18n.t('sessions.end'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    await this.act(() => this.api.endSession(session.id), 'sessions.ended');
  }

  protected async endOthers(): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('sessions.endOthersTitle'),
      message: this.i18n.t('sessions.endOthersMessage', { count: this.others() }),
      confirmLabel: this.i18n.t('sessions.endOthers'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    await this.act(() => this.api.endOtherSessions(), 'sessions.endedOthers');
  }

  private async act(
    action: () => Promise<void>,
    done: 'sessions.ended' | 'sessions.endedOthers',
  ): Promise<void> {
    try {
      await action();
      this.snackBar.open(this.i18n.t(done));
    } catch (error) {
      this.snackBar.open(this.problems.describe(toProblem(error)));
    }
    await this.load();
  }
}
