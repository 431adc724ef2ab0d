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
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { RouterLink } from '@angular/router';
import type { MailboxResponseDto } from '@yubin/api-client';
import type { ListMailboxes$Params } from '@yubin/api-client/functions';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { Session } from '../../../core/auth/session';
import { formatBytes, formatNumber } from '../../../core/i18n/format';
import { LocalDatePipe } from '../../../core/i18n/format.pipes';
import { I18n, type MessageKey } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { Address } from '../../../shared/ui/address';
import { CursorPager } from '../../../shared/data/cursor-pager';
import { EmptyState } from '../../../shared/ui/list-states';
import { PagedList } from '../../../shared/ui/paged-list';
import { QuotaBar } from '../../../shared/ui/quota-bar';
import { DomainContext } from '../../domains/data/domain-context';
import { MailboxStatusChips } from '../components/mailbox-status-chips';
import { MailboxesApi } from '../data/mailboxes-api';
import { UnicodeNamePipe } from '../../../shared/ui/unicode-name.pipe';

type Sort = NonNullable<ListMailboxes$Params['sort']>;
const PAGE_SIZE = 50;

@Component({
  selector: 'yb-mailbox-list-page',
  imports: [
    UnicodeNamePipe,
    Address,
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    MatIconModule,
    MatButtonModule,
    EmptyState,
    PagedList,
    QuotaBar,
    MailboxStatusChips,
    TranslatePipe,
    LocalDatePipe,
  ],
  templateUrl: './mailbox-list.page.html',
  styleUrl: './mailbox-list.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class MailboxListPage {
  private readonly api = inject(MailboxesApi);
  private readonly i18n = inject(I18n);
  protected readonly context = inject(DomainContext);
  protected readonly session = inject(Session);

  protected readonly search = new FormControl('', { nonNullable: true });
  protected readonly sort = new FormControl<Sort>('address', { nonNullable: true });
  protected readonly sorts: readonly { value: Sort; label: MessageKey }[] = [
    { value: 'address', label: 'mailboxes.sort.addressAsc' },
    { value: '-address', label: 'mailboxes.sort.addressDesc' },
    { value: '-createdAt', label: 'mailboxes.sort.newest' },
    { value: 'createdAt', label: 'mailboxes.sort.oldest' },
  ];
  private readonly query = signal<{ q: string; sort: Sort }>({ q: '', sort: 'address' });
  /** The :domain route parameter: the list loads in parallel with the domain itself. */
  readonly domain = input.required<string>();
  protected readonly domainName = computed(() => this.domain().toLowerCase());
  protected readonly pager = new CursorPager<MailboxResponseDto>((cursor) =>
    this.api.list({
      domain: this.domainName(),
      q: this.query().q || undefined,
      sort: this.query().sort,
      cursor,
      limit: PAGE_SIZE,
    }),
  );
  protected readonly searching = computed(() => this.query().q !== '');
  protected readonly summary = computed(() => {
    const count = this.pager.items().length;
    if (count === 0) return '';
    const first = this.pager.pageIndex() * PAGE_SIZE + 1;
    const last = first + count - 1;
    const total = this.context.domain()?.mailboxCount;
    const locale = this.i18n.locale();
    return this.searching() || total === undefined
      ? this.i18n.t('pager.range', {
          first: formatNumber(first, locale),
          last: formatNumber(last, locale),
        })
      : this.i18n.t('pager.rangeOf', {
          first: formatNumber(first, locale),
          last: formatNumber(last, locale),
          total: formatNumber(total, locale),
        });
  });

  constructor() {
    this.search.valueChanges
      .pipe(debounceTime(250), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((q) => this.query.update((query) => ({ ...query, q: q.trim() })));
    this.sort.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((sort) => this.query.update((query) => ({ ...query, sort })));
    // A cursor is valid only for its query: a new domain, search or sort starts over.
    effect(() => {
      this.domainName();
      this.query();
      untracked(() => void this.pager.reset());
    });
  }

  protected quotaText(mailbox: MailboxResponseDto): string {
    const locale = this.i18n.locale();
    return mailbox.quotaBytes > 0
      ? this.i18n.t('common.usedOf', {
          used: formatBytes(mailbox.usedBytes, locale),
          total: formatBytes(mailbox.quotaBytes, locale),
        })
      : this.i18n.t('common.usedNoLimit', { used: formatBytes(mailbox.usedBytes, locale) });
  }
}
