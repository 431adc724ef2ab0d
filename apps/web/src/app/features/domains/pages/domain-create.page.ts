import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router, RouterLink } from '@angular/router';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { I18n } from '../../../core/i18n/i18n.service';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { bytesToGb, newIdempotencyKey } from '../../../shared/forms/bytes';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { PageHeader } from '../../../shared/ui/page-header';
import {
  domainFieldAliases,
  DomainSettingsFields,
  domainSettingsForm,
  domainSettingsValue,
} from '../components/domain-settings-fields';
import { DomainsApi } from '../data/domains-api';
import { DOMAIN_CREATE_ERRORS } from '../data/form-errors';

@Component({
  selector: 'yb-domain-create-page',
  imports: [
    ReactiveFormsModule,
    RouterLink,
    MatFormFieldModule,
    MatInputModule,
    MatButtonModule,
    PageHeader,
    DomainSettingsFields,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    <yb-page-header
      [heading]="'domains.create.title' | t"
      [subtitle]="'domains.create.subtitle' | t"
      backLink="/domains"
      [backLabel]="'domains.title' | t"
    />
    <form class="yb-form yb-card" [formGroup]="form" (ngSubmit)="submit()" novalidate>
      <mat-form-field>
        <mat-label>{{ 'domains.fields.name' | t }}</mat-label>
        <input
          matInput
          [formControl]="form.controls.name"
          required
          autocomplete="off"
          placeholder="example.com"
          data-testid="domain-name"
        />
        <mat-hint>{{ 'domains.fields.nameHint' | t }}</mat-hint>
        <mat-error>{{ form.controls.name.errors | fieldError }}</mat-error>
      </mat-form-field>
      <yb-domain-settings-fields [group]="form.controls.settings" />
      @if (error(); as message) {
        <p class="yb-banner-error" role="alert">{{ message }}</p>
      }
      <div class="yb-actions">
        <button mat-flat-button type="submit" [disabled]="busy()" data-testid="create-domain">
          {{ 'domains.create.submit' | t }}
        </button>
        <a mat-button routerLink="/domains">{{ 'common.cancel' | t }}</a>
      </div>
    </form>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class DomainCreatePage {
  private readonly api = inject(DomainsApi);
  private readonly router = inject(Router);
  private readonly snackBar = inject(MatSnackBar);
  private readonly i18n = inject(I18n);
  private readonly problems = inject(ProblemText);
  private idempotencyKey = newIdempotencyKey();

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    settings: domainSettingsForm(),
  });
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);

  constructor() {
    // Shows the server's default quota, the one the API gives when none is sent.
    this.api.settings().then(
      (settings) => {
        const quota = this.form.controls.settings.controls.defaultQuotaGb;
        if (quota.pristine) quota.setValue(bytesToGb(settings.defaultMailboxQuotaBytes));
      },
      () => undefined,
    );
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    this.busy.set(true);
    this.error.set(null);
    try {
      const { defaultQuotaBytes, ...settings } = domainSettingsValue(this.form.controls.settings);
      const domain = await this.api.create(
        {
          name: this.form.controls.name.value.trim(),
          ...settings,
          // Untouched, the server's one default applies (DEFAULT_MAILBOX_QUOTA_BYTES, within the limits).
          ...(this.form.controls.settings.controls.defaultQuotaGb.pristine
            ? {}
            : { defaultQuotaBytes }),
        },
        this.idempotencyKey,
      );
      this.snackBar.open(this.i18n.t('domains.create.done', { name: domain.unicodeName }));
      await this.router.navigate(['/domains', domain.name]);
    } catch (error) {
      this.error.set(
        this.problems.forForm(this.form, toProblem(error), {
          errors: DOMAIN_CREATE_ERRORS,
          fields: domainFieldAliases('settings.'),
          codes: { DOMAIN_EXISTS: 'name' },
        }),
      );
      this.idempotencyKey = newIdempotencyKey();
    } finally {
      this.busy.set(false);
    }
  }
}
