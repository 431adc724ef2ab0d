import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDatepickerModule } from '@angular/material/datepicker';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatProgressBarModule } from '@angular/material/progress-bar';
import { MatSelectModule } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import type { AuditEventResponseDto } from '@yubin/api-client';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';

import { I18n, type MessageKey } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { CursorPager } from '../../../shared/data/cursor-pager';
import { EmptyState } from '../../../shared/ui/list-states';
import { PagedList } from '../../../shared/ui/paged-list';
import { PageHeader } from '../../../shared/ui/page-header';
import { AuditApi, type AuditFilters } from '../data/audit-api';
import { exportAuditCsv } from '../data/audit-export';
import { AuditEventRow } from '../components/audit-event-row';
import { downloadText } from '../../../shared/data/download';

type TargetType = 'domain' | 'alias-domain' | 'mailbox' | 'alias' | 'api-token' | 'admin';

@Component({
  selector: 'yb-audit-log-page',
  imports: [
    ReactiveFormsModule,
    MatFormFieldModule,
    MatInputModule,
    MatDatepickerModule,
    MatSelectModule,
    MatButtonModule,
    MatIconModule,
    MatProgressBarModule,
    PageHeader,
    EmptyState,
    PagedList,
    AuditEventRow,
    TranslatePipe,
  ],
  templateUrl: './audit-log.page.html',
  styleUrl: './audit-log.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class AuditLogPage {
  private readonly api = inject(AuditApi);
  private readonly i18n = inject(I18n);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly problems = inject(ProblemText);

  protected readonly targetTypes: readonly { value: TargetType | ''; label: MessageKey }[] = [
    { value: '', label: 'audit.filters.anyType' },
    { value: 'domain', label: 'audit.types.domain' },
    { value: 'alias-domain', label: 'audit.types.aliasDomain' },
    { value: 'mailbox', label: 'audit.types.mailbox' },
    { value: 'alias', label: 'audit.types.alias' },
    { value: 'api-token', label: 'audit.types.apiToken' },
    { value: 'admin', label: 'audit.types.admin' },
  ];
  protected readonly filters = new FormGroup({
    targetType: new FormControl<TargetType | ''>('', { nonNullable: true }),
    target: new FormControl('', { nonNullable: true }),
    domain: new FormControl('', { nonNullable: true }),
    // Material's datepicker, not <input type="date">: that one formats dates in the
    // browser's locale (mm/dd/yyyy in a Japanese UI on an English browser).
    from: new FormControl<Date | null>(null),
    to: new FormControl<Date | null>(null),
  });
  private readonly applied = signal<AuditFilters>({});
  protected readonly pager = new CursorPager<AuditEventResponseDto>((cursor) =>
    this.api.list(this.applied(), cursor, 50),
  );
  protected readonly exporting = signal<number | null>(null);
  private exportAbort: AbortController | null = null;

  constructor() {
    void this.pager.reset();
  }

  protected apply(): void {
    const value = this.filters.getRawValue();
    this.applied.set({
      targetType: value.targetType === '' ? undefined : value.targetType,
      target: value.target.trim() || undefined,
      domain: value.domain.trim() || undefined,
      from: value.from === null ? undefined : startOfDay(value.from, 0),
      // "to" is inclusive for people: events before the next midnight.
      to: value.to === null ? undefined : startOfDay(value.to, 1),
    });
    void this.pager.reset();
  }

  protected clear(): void {
    this.filters.reset();
    this.apply();
  }

  protected async exportCsv(): Promise<void> {
    this.exportAbort = new AbortController();
    this.exporting.set(0);
    try {
      const result = await exportAuditCsv(
        this.api,
        this.applied(),
        (rows) => this.exporting.set(rows),
        this.exportAbort.signal,
      );
      downloadText(
        result.csv,
        `yubin-audit-${new Date().toISOString().slice(0, 10)}.csv`,
        'text/csv',
      );
      this.snackBar.open(
        this.i18n.t(result.truncated ? 'audit.export.truncated' : 'audit.export.done', {
          rows: result.rows,
        }),
      );
    } catch (error) {
      if (!(error instanceof DOMException && error.name === 'AbortError')) {
        this.snackBar.open(this.problems.describe(toProblem(error)));
      }
    } finally {
      this.exporting.set(null);
      this.exportAbort = null;
    }
  }

  protected cancelExport(): void {
    this.exportAbort?.abort();
  }
}

/** Local midnight of a picked day, `days` later, as the API's timestamp. */
function startOfDay(day: Date, days: number): string {
  return new Date(day.getFullYear(), day.getMonth(), day.getDate() + days).toISOString();
}
