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
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { AliasResponseDto } from '@yubin/api-client';
import { debounceTime, distinctUntilChanged, firstValueFrom } from 'rxjs';
import { Session } from '../../../core/auth/session';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { Address } from '../../../shared/ui/address';
import { CursorPager } from '../../../shared/data/cursor-pager';
import { confirmAction } from '../../../shared/ui/confirm-dialog';
import { EmptyState } from '../../../shared/ui/list-states';
import { PagedList } from '../../../shared/ui/paged-list';
import { DomainContext } from '../../domains/data/domain-context';
import { AliasDialog, type AliasDialogData } from '../components/alias-dialog';
import { AliasesApi } from '../data/aliases-api';
import { UnicodeNamePipe, UnicodeNamesPipe } from '../../../shared/ui/unicode-name.pipe';
import { toUnicodeName } from '../../../shared/data/idn';

@Component({
  selector: 'yb-alias-list-page',
  imports: [
    UnicodeNamePipe,
    UnicodeNamesPipe,
    Address,
    ReactiveFormsModule,
    MatTableModule,
    MatFormFieldModule,
    MatInputModule,
    MatIconModule,
    MatButtonModule,
    MatTooltipModule,
    EmptyState,
    PagedList,
    TranslatePipe,
  ],
  templateUrl: './alias-list.page.html',
  styleUrl: './alias-list.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class AliasListPage {
  private readonly api = inject(AliasesApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  protected readonly context = inject(DomainContext);
  protected readonly problems = inject(ProblemText);
  protected readonly session = inject(Session);

  protected readonly search = new FormControl('', { nonNullable: true });
  private readonly query = signal('');
  protected readonly columns = ['address', 'destinations', 'status', 'actions'];
  /** The :domain route parameter: the list loads in parallel with the domain itself. */
  readonly domain = input.required<string>();
  protected readonly domainName = computed(() => this.domain().toLowerCase());
  protected readonly catchAll = signal<AliasResponseDto | null>(null);
  protected readonly catchAllLoaded = signal(false);
  protected readonly pager = new CursorPager<AliasResponseDto>((cursor) =>
    this.api.list({
      domain: this.domainName(),
      q: this.query() || undefined,
      catchAll: false,
      cursor,
      limit: 50,
    }),
  );
  /** The catch-all has its own card; the table lists the named aliases. */
  protected readonly rows = computed(() => this.pager.items().filter((alias) => !alias.catchAll));

  constructor() {
    this.search.valueChanges
      .pipe(debounceTime(250), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((value) => this.query.set(value.trim()));
    effect(() => {
      this.domainName();
      this.query();
      untracked(() => void this.pager.reset());
    });
    effect(() => {
      this.domainName();
      untracked(() => void this.loadCatchAll());
    });
  }

  protected async open(alias?: AliasResponseDto, catchAll = false): Promise<void> {
    const data: AliasDialogData = { domain: this.domainName(), catchAll };
    if (alias !== undefined) {
      try {
        const { value, etag } = await this.api.get(alias.address);
        Object.assign(data, { alias: value, etag });
      } catch (error) {
        this.snackBar.open(this.problems.describe(toProblem(error)));
        return;
      }
    }
    const ref = this.dialog.open<AliasDialog, AliasDialogData, AliasResponseDto>(AliasDialog, {
      data,
      width: '560px',
    });
    ref.afterClosed().subscribe((saved) => {
      if (saved === undefined) return;
      this.snackBar.open(this.i18n.t('common.saved'));
      void this.refresh();
    });
  }

  protected async remove(alias: AliasResponseDto): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t(alias.catchAll ? 'aliases.delete.titleCatchAll' : 'aliases.delete.title', {
        address: toUnicodeName(alias.address),
      }),
      message: this.i18n.t('aliases.delete.message'),
      confirmLabel: this.i18n.t('aliases.delete.confirm'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    try {
      await this.api.delete(alias.address, undefined);
      this.snackBar.open(
        this.i18n.t('aliases.delete.done', { address: toUnicodeName(alias.address) }),
      );
      await this.refresh();
    } catch (error) {
      this.snackBar.open(this.problems.describe(toProblem(error)));
    }
  }

  private async refresh(): Promise<void> {
    void this.context.refresh();
    await Promise.all([this.pager.reload(), this.loadCatchAll()]);
  }

  /** Asked as a list: a domain without a catch-all answers an empty page, not a 404. */
  private async loadCatchAll(): Promise<void> {
    try {
      const page = await firstValueFrom(
        this.api.list({ domain: this.domainName(), catchAll: true, limit: 1 }),
      );
      this.catchAll.set(page.items[0] ?? null);
    } finally {
      this.catchAllLoaded.set(true);
    }
  }
}
