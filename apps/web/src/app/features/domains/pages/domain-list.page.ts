import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatTableModule } from '@angular/material/table';
import { RouterLink } from '@angular/router';
import type { DomainResponseDto } from '@yubin/api-client';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { Session } from '../../../core/auth/session';
import { formatBytes } from '../../../core/i18n/format';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { CursorPager } from '../../../shared/data/cursor-pager';
import { EmptyState } from '../../../shared/ui/list-states';
import { PagedList } from '../../../shared/ui/paged-list';
import { PageHeader } from '../../../shared/ui/page-header';
import { QuotaBar } from '../../../shared/ui/quota-bar';
import { StatusBadge } from '../../../shared/ui/status-badge';
import { DomainsApi } from '../data/domains-api';

@Component({
  selector: 'yb-domain-list-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatTableModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatButtonModule,
    StatusBadge,
    PageHeader,
    EmptyState,
    PagedList,
    QuotaBar,
    TranslatePipe,
  ],
  templateUrl: './domain-list.page.html',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class DomainListPage {
  private readonly api = inject(DomainsApi);
  private readonly i18n = inject(I18n);
  protected readonly session = inject(Session);

  protected readonly search = new FormControl('', { nonNullable: true });
  private readonly query = signal('');
  protected readonly columns = ['name', 'mailboxes', 'aliases', 'storage', 'status'];
  protected readonly pager = new CursorPager<DomainResponseDto>((cursor) =>
    this.api.list({ q: this.query() || undefined, cursor, limit: 50, sort: 'name' }),
  );
  protected readonly filtered = computed(() => this.query() !== '');

  constructor() {
    this.search.valueChanges
      .pipe(debounceTime(250), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((value) => this.query.set(value.trim()));
    toObservable(this.query)
      .pipe(takeUntilDestroyed())
      .subscribe(() => void this.pager.reset());
  }

  protected storageText(domain: DomainResponseDto): string {
    const locale = this.i18n.locale();
    return domain.quotaBytes > 0
      ? this.i18n.t('common.usedOf', {
          used: formatBytes(domain.usedBytes, locale),
          total: formatBytes(domain.quotaBytes, locale),
        })
      : this.i18n.t('common.usedNoLimit', { used: formatBytes(domain.usedBytes, locale) });
  }

  protected limitText(count: number, max: number): string {
    return max > 0
      ? this.i18n.t('common.countOf', { count, max })
      : this.i18n.t('common.countNoLimit', { count });
  }
}
