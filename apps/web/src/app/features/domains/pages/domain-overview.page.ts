import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
} from '@angular/core';
import { ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import type { DomainResponseDto, UpdateDomainDto } from '@yubin/api-client';
import { Session } from '../../../core/auth/session';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { formatBytes } from '../../../core/i18n/format';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { confirmAction } from '../../../shared/ui/confirm-dialog';
import { QuotaBar } from '../../../shared/ui/quota-bar';
import { StaleBanner } from '../../../shared/ui/stale-banner';
import {
  domainFieldAliases,
  DomainSettingsFields,
  domainSettingsForm,
  domainSettingsValue,
} from '../components/domain-settings-fields';
import { DomainPolicyFormComponent } from '../components/domain-policy-form';
import { DomainContext } from '../data/domain-context';
import { DomainsApi } from '../data/domains-api';
import { DOMAIN_UPDATE_ERRORS } from '../data/form-errors';

@Component({
  selector: 'yb-domain-overview-page',
  imports: [
    ReactiveFormsModule,
    MatButtonModule,
    MatIconModule,
    QuotaBar,
    StaleBanner,
    DomainSettingsFields,
    DomainPolicyFormComponent,
    TranslatePipe,
  ],
  templateUrl: './domain-overview.page.html',
  styleUrl: './domain-overview.page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class DomainOverviewPage {
  private readonly api = inject(DomainsApi);
  private readonly dialog = inject(MatDialog);
  private readonly snackBar = inject(MatSnackBar);
  private readonly router = inject(Router);
  private readonly i18n = inject(I18n);
  private readonly problems = inject(ProblemText);
  protected readonly context = inject(DomainContext);
  protected readonly session = inject(Session);

  protected readonly form = domainSettingsForm();
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly stale = signal(false);
  protected readonly domain = computed(() => this.context.domain());
  /** Limits and quotas are for an administrator of all domains; a domain admin sees them. */
  protected readonly canChangeLimits = computed(
    () => this.session.can('domains:write') && this.session.allDomains(),
  );
  protected readonly savePolicy = async (body: UpdateDomainDto): Promise<void> => {
    const domain = this.domain();
    if (domain === null) return;
    try {
      const { value, etag } = await this.api.update(domain.name, body, this.context.etag());
      this.context.replace(value, etag);
      this.snackBar.open(this.i18n.t('common.saved'));
    } catch (error) {
      if (toProblem(error).status === 412) this.stale.set(true);
      throw error;
    }
  };

  constructor() {
    effect(() => {
      const domain = this.domain();
      if (domain !== null) untracked(() => this.reset(domain));
    });
  }

  protected usage(used: number, max: number): string {
    return max > 0
      ? this.i18n.t('common.countOf', { count: used, max })
      : this.i18n.t('common.countNoLimit', { count: used });
  }

  protected poolText(domain: DomainResponseDto): string {
    const locale = this.i18n.locale();
    return domain.quotaBytes > 0
      ? this.i18n.t('common.usedOf', {
          used: formatBytes(domain.usedBytes, locale),
          total: formatBytes(domain.quotaBytes, locale),
        })
      : this.i18n.t('common.usedNoLimit', { used: formatBytes(domain.usedBytes, locale) });
  }

  protected async reload(): Promise<void> {
    this.stale.set(false);
    await this.context.refresh();
  }

  protected async save(): Promise<void> {
    const domain = this.domain();
    if (domain === null) return;
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const settings = domainSettingsValue(this.form);
      const { value, etag } = await this.api.update(
        domain.name,
        this.canChangeLimits()
          ? settings
          : {
              description: settings.description,
              active: settings.active,
              language: settings.language,
            },
        this.context.etag(),
      );
      this.context.replace(value, etag);
      this.snackBar.open(this.i18n.t('common.saved'));
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status === 412) this.stale.set(true);
      else
        this.error.set(
          this.problems.forForm(this.form, problem, {
            errors: DOMAIN_UPDATE_ERRORS,
            fields: domainFieldAliases(),
          }),
        );
    } finally {
      this.busy.set(false);
    }
  }

  protected async remove(): Promise<void> {
    const domain = this.domain();
    if (domain === null) return;
    const force = domain.mailboxCount > 0 || domain.aliasCount > 0;
    const confirmed = await confirmAction(this.dialog, {
      title: this.i18n.t('domains.delete.title', { name: domain.unicodeName }),
      message: this.i18n.t(force ? 'domains.delete.messageForce' : 'domains.delete.message', {
        mailboxes: domain.mailboxCount,
        aliases: domain.aliasCount,
      }),
      confirmLabel: this.i18n.t('domains.delete.confirm'),
      cancelLabel: this.i18n.t('common.cancel'),
      destructive: true,
      typeToConfirm: {
        value: domain.name,
        label: this.i18n.t('domains.delete.typeName', { name: domain.name }),
      },
    });
    if (!confirmed) return;
    try {
      await this.api.delete(domain.name, force, this.context.etag());
      this.snackBar.open(this.i18n.t('domains.delete.done', { name: domain.unicodeName }));
      await this.router.navigate(['/domains']);
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status === 412) this.stale.set(true);
      else this.error.set(this.problems.describe(problem));
    }
  }

  private reset(domain: DomainResponseDto): void {
    this.form.reset(domainSettingsForm(domain).getRawValue());
    if (!this.session.can('domains:write')) this.form.disable();
    else if (!this.canChangeLimits()) {
      for (const name of [
        'maxMailboxes',
        'maxAliases',
        'defaultQuotaGb',
        'maxQuotaGb',
        'quotaGb',
      ] as const)
        this.form.controls[name].disable();
    }
  }
}
