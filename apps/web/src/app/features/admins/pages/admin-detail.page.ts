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
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import type { AdminResponseDto } from '@yubin/api-client';
import { Session } from '../../../core/auth/session';
import { isNotFound, toProblem, type UiProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { DateTimePipe } from '../../../core/i18n/format.pipes';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { confirmAction } from '../../../shared/ui/confirm-dialog';
import { ErrorState, Loading } from '../../../shared/ui/list-states';
import NotFoundPage from '../../../shared/ui/not-found-page';
import { PageHeader } from '../../../shared/ui/page-header';
import { SecretOnce } from '../../../shared/ui/secret-once';
import { RoleFields, roleForm } from '../components/role-fields';
import { AdminsApi } from '../data/admins-api';
import { canManage, roleOption } from '../data/roles';
import { ADMIN_UPDATE_ERRORS } from '../data/form-errors';
import { toUnicodeName } from '../../../shared/data/idn';

/** One admin: change the role, its domains or whether it is active; resets; removal. */
@Component({
  selector: 'yb-admin-detail-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatIconModule,
    MatSlideToggleModule,
    PageHeader,
    RoleFields,
    SecretOnce,
    Loading,
    ErrorState,
    NotFoundPage,
    TranslatePipe,
    DateTimePipe,
  ],
  templateUrl: './admin-detail.page.html',
  styles: `
    :host {
      display: grid;
      gap: 20px;
    }
    h2 {
      font: var(--mat-sys-title-large);
      margin-bottom: 8px;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 6px 24px;
      margin: 0;
    }
    dd {
      margin: 0;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 12px 16px;
      align-items: center;
      justify-content: space-between;
      padding: 8px 0;
    }
    .row p {
      margin: 0;
      max-width: 64ch;
    }
    .danger {
      --mat-button-outlined-label-text-color: var(--mat-sys-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class AdminDetailPage {
  private readonly api = inject(AdminsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  protected readonly problems = inject(ProblemText);
  protected readonly session = inject(Session);

  readonly id = input.required<string>();
  protected readonly admin = signal<AdminResponseDto | null>(null);
  protected readonly loadProblem = signal<UiProblem | null>(null);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly temporaryPassword = signal<string | null>(null);
  protected readonly searchDomains = (prefix: string) => this.api.domainNames(prefix);
  protected readonly notFound = isNotFound;
  protected readonly form = new FormGroup({
    grant: roleForm(),
    active: new FormControl(true, { nonNullable: true }),
  });
  protected readonly editable = computed(() => {
    const admin = this.admin();
    const user = this.session.user();
    return (
      admin !== null &&
      user !== null &&
      this.session.can('admins:write') &&
      canManage(user, admin.role)
    );
  });

  constructor() {
    effect(() => {
      const id = this.id();
      untracked(() => void this.load(id));
    });
  }

  protected roleLabel(admin: AdminResponseDto) {
    return roleOption(admin.role).label;
  }

  protected async load(id = this.id()): Promise<void> {
    this.loadProblem.set(null);
    try {
      this.show(await this.api.get(id));
    } catch (error) {
      this.loadProblem.set(toProblem(error));
    }
  }

  protected async save(): Promise<void> {
    const admin = this.admin();
    if (admin === null) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { grant, active } = this.form.getRawValue();
    if (grant.role === null) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      this.show(
        await this.api.update(admin.id, {
          role: grant.role,
          domains: grant.role === 'superadmin' ? [] : grant.domains,
          active,
        }),
      );
      this.snackBar.open(this.i18n.t('common.saved'));
    } catch (error) {
      this.error.set(
        this.problems.forForm(this.form, toProblem(error), {
          errors: ADMIN_UPDATE_ERRORS,
          fields: { role: 'grant.role', domains: 'grant.domains' },
          codes: { ROLE_NOT_GRANTABLE: 'grant.role' },
        }),
      );
    } finally {
      this.busy.set(false);
    }
  }

  protected async resetPassword(admin: AdminResponseDto): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('admins.detail.resetPasswordTitle', { email: toUnicodeName(admin.email) }),
      message: this.i18n.t('admins.detail.resetPasswordMessage'),
      confirmLabel: this.i18n.t('mailboxes.reset.confirm'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    await this.act(async () => {
      const result = await this.api.resetPassword(admin.id);
      this.temporaryPassword.set(result.temporaryPassword ?? null);
    });
  }

  protected async resetTwoFactor(admin: AdminResponseDto): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('admins.detail.resetTwoFactorTitle', {
        email: toUnicodeName(admin.email),
      }),
      message: this.i18n.t('mailboxes.security.resetMessage'),
      confirmLabel: this.i18n.t('mailboxes.security.resetTwoFactor'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    await this.act(async () => {
      await this.api.resetTwoFactor(admin.id);
      this.snackBar.open(
        this.i18n.t('mailboxes.security.resetDone', { address: toUnicodeName(admin.email) }),
      );
    });
  }

  protected async remove(admin: AdminResponseDto): Promise<void> {
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('admins.detail.removeTitle', { email: toUnicodeName(admin.email) }),
      message: this.i18n.t(
        admin.kind === 'mailbox' ? 'admins.detail.removeMailbox' : 'admins.detail.removeStandalone',
      ),
      confirmLabel: this.i18n.t('admins.detail.remove'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
    });
    if (!confirmed) return;
    this.error.set(null);
    try {
      await this.api.remove(admin.id);
      this.snackBar.open(
        this.i18n.t('admins.detail.removed', { email: toUnicodeName(admin.email) }),
      );
      await this.router.navigate(['/admins']);
    } catch (error) {
      this.error.set(this.problems.describe(toProblem(error)));
    }
  }

  private async act(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.error.set(null);
    try {
      await action();
      await this.load();
    } catch (error) {
      this.error.set(this.problems.describe(toProblem(error)));
    } finally {
      this.busy.set(false);
    }
  }

  private show(admin: AdminResponseDto): void {
    this.admin.set(admin);
    this.form.reset({
      grant: { role: admin.role, domains: admin.domains },
      active: admin.active,
    });
    if (this.editable()) this.form.enable();
    else this.form.disable();
  }
}
