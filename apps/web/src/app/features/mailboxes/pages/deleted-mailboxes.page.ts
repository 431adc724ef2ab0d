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
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { MailboxResponseDto } from '@yubin/api-client';
import { Session } from '../../../core/auth/session';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { DateTimePipe } from '../../../core/i18n/format.pipes';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { Address } from '../../../shared/ui/address';
import { CursorPager } from '../../../shared/data/cursor-pager';
import { EmptyState } from '../../../shared/ui/list-states';
import { PagedList } from '../../../shared/ui/paged-list';
import { DomainContext } from '../../domains/data/domain-context';
import { MailboxesApi } from '../data/mailboxes-api';
import { toUnicodeName } from '../../../shared/data/idn';

/** Deleted mailboxes, restorable until the retention period ends. */
@Component({
  selector: 'yb-deleted-mailboxes-page',
  imports: [
    Address,
    RouterLink,
    MatTableModule,
    MatButtonModule,
    MatIconModule,
    EmptyState,
    PagedList,
    TranslatePipe,
    DateTimePipe,
  ],
  template: `
    <a mat-button routerLink=".." class="back"
      ><mat-icon fontIcon="arrow_back" />{{ 'mailboxes.title' | t }}</a
    >
    <h2 class="title">{{ 'mailboxes.deleted.title' | t }}</h2>
    <p class="yb-muted">{{ 'mailboxes.deleted.explain' | t }}</p>
    <yb-paged-list [source]="pager">
      <yb-empty-state ybEmpty icon="delete_sweep" [heading]="'mailboxes.deleted.empty' | t" />
      <div class="yb-table-wrap">
        <table
          mat-table
          [dataSource]="pager.items()"
          [attr.aria-label]="'mailboxes.deleted.title' | t"
        >
          <ng-container matColumnDef="address">
            <th mat-header-cell *matHeaderCellDef>{{ 'mailboxes.address' | t }}</th>
            <td mat-cell [attr.data-label]="'mailboxes.address' | t" *matCellDef="let mailbox">
              <yb-address [address]="mailbox.address" />
            </td>
          </ng-container>
          <ng-container matColumnDef="deletedAt">
            <th mat-header-cell *matHeaderCellDef>{{ 'mailboxes.deleted.when' | t }}</th>
            <td mat-cell [attr.data-label]="'mailboxes.deleted.when' | t" *matCellDef="let mailbox">
              {{ mailbox.deletedAt | dateTime }}
            </td>
          </ng-container>
          <ng-container matColumnDef="purgeAt">
            <th mat-header-cell *matHeaderCellDef>{{ 'mailboxes.deleted.purgeAt' | t }}</th>
            <td
              mat-cell
              [attr.data-label]="'mailboxes.deleted.purgeAt' | t"
              *matCellDef="let mailbox"
              data-testid="purge-at"
            >
              {{ purgeAt(mailbox) | dateTime }}
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef>
              <span class="yb-visually-hidden">{{ 'common.actions' | t }}</span>
            </th>
            <td mat-cell *matCellDef="let mailbox">
              @if (session.can('mailboxes:write')) {
                <button
                  mat-stroked-button
                  type="button"
                  [disabled]="restoring() === mailbox.address"
                  (click)="restore(mailbox)"
                >
                  <mat-icon fontIcon="restore" />{{ 'mailboxes.deleted.restore' | t }}
                </button>
              }
            </td>
          </ng-container>
          <tr mat-header-row *matHeaderRowDef="columns"></tr>
          <tr mat-row *matRowDef="let row; columns: columns"></tr>
        </table>
      </div>
    </yb-paged-list>
  `,
  styles: `
    .back {
      margin-left: -12px;
    }
    .title {
      font: var(--mat-sys-title-large);
      margin-top: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class DeletedMailboxesPage {
  private readonly api = inject(MailboxesApi);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  private readonly context = inject(DomainContext);
  protected readonly problems = inject(ProblemText);
  protected readonly session = inject(Session);
  protected readonly columns = ['address', 'deletedAt', 'purgeAt', 'actions'];
  private readonly retentionDays = signal<number | null>(null);
  protected readonly restoring = signal<string | null>(null);
  readonly domain = input.required<string>();
  private readonly domainName = computed(() => this.domain().toLowerCase());
  protected readonly pager = new CursorPager<MailboxResponseDto>((cursor) =>
    this.api.list({
      domain: this.domainName(),
      deleted: true,
      cursor,
      limit: 50,
      sort: '-createdAt',
    }),
  );

  constructor() {
    effect(() => {
      this.domainName();
      untracked(() => void this.pager.reset());
    });
    this.api.settings().then(
      (settings) => this.retentionDays.set(settings.mailboxRetentionDays),
      () => undefined,
    );
  }

  /** When the retention job purges it: deleted time plus the retention period (null until known). */
  protected purgeAt(mailbox: MailboxResponseDto): string | null {
    const days = this.retentionDays();
    if (days === null || mailbox.deletedAt === null) return null;
    return new Date(Date.parse(mailbox.deletedAt) + days * 86_400_000).toISOString();
  }

  protected async restore(mailbox: MailboxResponseDto): Promise<void> {
    this.restoring.set(mailbox.address);
    try {
      await this.api.restore(mailbox.address);
      this.snackBar.open(
        this.i18n.t('mailboxes.deleted.restored', { address: toUnicodeName(mailbox.address) }),
      );
      void this.context.refresh();
      await this.pager.reload();
    } catch (error) {
      this.snackBar.open(this.problems.describe(toProblem(error)));
    } finally {
      this.restoring.set(null);
    }
  }
}
