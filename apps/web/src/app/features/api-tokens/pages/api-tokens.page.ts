import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { MatTableModule } from '@angular/material/table';
import type { ApiTokenResponseDto, CreatedApiTokenResponseDto } from '@yubin/api-client';
import { toProblem, type UiProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { DateTimePipe, LocalDatePipe } from '../../../core/i18n/format.pipes';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { confirmAction } from '../../../shared/ui/confirm-dialog';
import { EmptyState, ErrorState, Loading } from '../../../shared/ui/list-states';
import { PageHeader } from '../../../shared/ui/page-header';
import { SecretOnce } from '../../../shared/ui/secret-once';
import { CreateTokenForm } from '../components/create-token-form';
import { ApiTokensApi } from '../data/api-tokens-api';
import { UnicodeNamesPipe } from '../../../shared/ui/unicode-name.pipe';

@Component({
  selector: 'yb-api-tokens-page',
  imports: [
    UnicodeNamesPipe,
    MatTableModule,
    MatButtonModule,
    MatIconModule,
    PageHeader,
    CreateTokenForm,
    SecretOnce,
    Loading,
    EmptyState,
    ErrorState,
    TranslatePipe,
    DateTimePipe,
    LocalDatePipe,
  ],
  templateUrl: './api-tokens.page.html',
  styles: `
    .created {
      display: grid;
      gap: 12px;
      margin-bottom: 24px;
    }
    .created h2 {
      font: var(--mat-sys-title-medium);
    }
    .scopes {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
    .scope {
      font: var(--mat-sys-label-small);
      padding: 2px 8px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
    .expired {
      color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class ApiTokensPage {
  private readonly api = inject(ApiTokensApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  protected readonly problems = inject(ProblemText);

  protected readonly columns = ['name', 'scopes', 'domains', 'expires', 'lastUsed', 'actions'];
  protected readonly tokens = signal<ApiTokenResponseDto[] | null>(null);
  protected readonly problem = signal<UiProblem | null>(null);
  protected readonly created = signal<CreatedApiTokenResponseDto | null>(null);

  constructor() {
    void this.load();
  }

  protected async load(): Promise<void> {
    this.problem.set(null);
    try {
      this.tokens.set(await this.api.list());
    } catch (error) {
      this.problem.set(toProblem(error));
    }
  }

  protected onCreated(token: CreatedApiTokenResponseDto): void {
    this.created.set(token);
    void this.load();
  }

  protected isExpired(token: ApiTokenResponseDto): boolean {
    return token.expiresAt !== null && new Date(token.expiresAt).getTime() < Date.now();
  }

  protected async revoke(token: ApiTokenResponseDto): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('tokens.revoke.title', { name: token.name }),
      message: this.i18n.t('tokens.revoke.message'),
      confirmLabel: this.i18n.t('tokens.revoke.confirm'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    try {
      await this.api.revoke(token.id);
      if (this.created()?.id === token.id) this.created.set(null);
      this.snackBar.open(this.i18n.t('tokens.revoke.done', { name: token.name }));
      await this.load();
    } catch (error) {
      this.snackBar.open(this.problems.describe(toProblem(error)));
    }
  }
}
