import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { AliasDomainResponseDto } from '@yubin/api-client';
import { Session } from '../../../core/auth/session';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { LocalDatePipe } from '../../../core/i18n/format.pipes';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { CursorPager } from '../../../shared/data/cursor-pager';
import { confirmAction } from '../../../shared/ui/confirm-dialog';
import { EmptyState } from '../../../shared/ui/list-states';
import { PagedList } from '../../../shared/ui/paged-list';
import { PageHeader } from '../../../shared/ui/page-header';
import { AliasDomainForm } from '../components/alias-domain-form';
import { AliasDomainsApi } from '../data/alias-domains-api';
import { Address } from '../../../shared/ui/address';
import { toUnicodeName } from '../../../shared/data/idn';

@Component({
  selector: 'yb-alias-domain-list-page',
  imports: [
    Address,
    RouterLink,
    MatTableModule,
    MatButtonModule,
    MatIconModule,
    MatTooltipModule,
    PageHeader,
    AliasDomainForm,
    EmptyState,
    PagedList,
    TranslatePipe,
    LocalDatePipe,
  ],
  template: `
    <yb-page-header [heading]="'aliasDomains.title' | t" [subtitle]="'aliasDomains.subtitle' | t" />
    @if (session.can('domains:write') && session.allDomains()) {
      <yb-alias-domain-form (created)="created($event)" />
    }
    <yb-paged-list [source]="pager">
      <yb-empty-state
        ybEmpty
        icon="alt_route"
        [heading]="'aliasDomains.empty' | t"
        [message]="'aliasDomains.emptyHint' | t"
      />
      <div class="yb-table-wrap">
        <table mat-table [dataSource]="pager.items()" [attr.aria-label]="'aliasDomains.title' | t">
          <ng-container matColumnDef="name">
            <th mat-header-cell *matHeaderCellDef>{{ 'aliasDomains.fields.name' | t }}</th>
            <td mat-cell [attr.data-label]="'aliasDomains.fields.name' | t" *matCellDef="let row">
              {{ row.unicodeName }}
            </td>
          </ng-container>
          <ng-container matColumnDef="target">
            <th mat-header-cell *matHeaderCellDef>{{ 'aliasDomains.fields.deliversTo' | t }}</th>
            <td
              mat-cell
              [attr.data-label]="'aliasDomains.fields.deliversTo' | t"
              *matCellDef="let row"
            >
              <a [routerLink]="['/domains', row.targetDomain]"
                ><yb-address [address]="row.targetDomain"
              /></a>
            </td>
          </ng-container>
          <ng-container matColumnDef="created">
            <th mat-header-cell *matHeaderCellDef>{{ 'common.created' | t }}</th>
            <td mat-cell [attr.data-label]="'common.created' | t" *matCellDef="let row">
              {{ row.createdAt | date }}
            </td>
          </ng-container>
          <ng-container matColumnDef="actions">
            <th mat-header-cell *matHeaderCellDef>
              <span class="yb-visually-hidden">{{ 'common.actions' | t }}</span>
            </th>
            <td mat-cell *matCellDef="let row">
              @if (session.can('domains:write') && session.allDomains()) {
                <button
                  mat-icon-button
                  type="button"
                  (click)="remove(row)"
                  [attr.aria-label]="'aliasDomains.deleteNamed' | t: { name: row.unicodeName }"
                  [matTooltip]="'common.delete' | t"
                >
                  <mat-icon fontIcon="delete" />
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
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class AliasDomainListPage {
  private readonly api = inject(AliasDomainsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  protected readonly problems = inject(ProblemText);
  protected readonly session = inject(Session);
  protected readonly columns = ['name', 'target', 'created', 'actions'];
  protected readonly pager = new CursorPager<AliasDomainResponseDto>((cursor) =>
    this.api.list({ cursor, limit: 50 }),
  );

  constructor() {
    void this.pager.reset();
  }

  protected created(row: AliasDomainResponseDto): void {
    this.snackBar.open(
      this.i18n.t('aliasDomains.created', {
        name: row.unicodeName,
        target: toUnicodeName(row.targetDomain),
      }),
    );
    void this.pager.reload();
  }

  protected async remove(row: AliasDomainResponseDto): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('aliasDomains.delete.title', { name: row.unicodeName }),
      message: this.i18n.t('aliasDomains.delete.message', {
        name: row.name,
        target: toUnicodeName(row.targetDomain),
      }),
      confirmLabel: this.i18n.t('aliasDomains.delete.confirm'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    try {
      await this.api.delete(row.name);
      this.snackBar.open(this.i18n.t('aliasDomains.delete.done', { name: row.unicodeName }));
      await this.pager.reload();
    } catch (error) {
      this.snackBar.open(this.problems.describe(toProblem(error)));
    }
  }
}
