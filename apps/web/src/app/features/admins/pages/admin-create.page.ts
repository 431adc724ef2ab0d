import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { CreatedAdminResponseDto } from '@yubin/api-client';
import { toProblem } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { newIdempotencyKey } from '../../../shared/forms/bytes';
import { FieldErrorPipe } from '../../../shared/forms/field-error.pipe';
import { PageHeader } from '../../../shared/ui/page-header';
import { SecretOnce } from '../../../shared/ui/secret-once';
import { RoleFields, roleForm } from '../components/role-fields';
import { AdminsApi } from '../data/admins-api';
import { roleOption } from '../data/roles';
import { ADMIN_CREATE_ERRORS } from '../data/form-errors';
import { UnicodeNamePipe } from '../../../shared/ui/unicode-name.pipe';

/** Granting a role to an address: a mailbox's owner, or a new standalone admin account. */
@Component({
  selector: 'yb-admin-create-page',
  imports: [
    UnicodeNamePipe,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    PageHeader,
    RoleFields,
    SecretOnce,
    TranslatePipe,
    FieldErrorPipe,
  ],
  template: `
    <yb-page-header
      [heading]="'admins.grant.title' | t"
      [subtitle]="'admins.grant.subtitle' | t"
      backLink="/admins"
      [backLabel]="'admins.title' | t"
    />
    @if (created(); as admin) {
      <section class="yb-card done" data-testid="admin-created">
        <h2>
          {{
            'admins.grant.done'
              | t: { email: admin.email | unicodeName, role: (roleLabel(admin) | t) }
          }}
        </h2>
        @if (admin.temporaryPassword; as password) {
          <p>{{ 'admins.grant.standalone' | t }}</p>
          <yb-secret-once
            [secret]="password"
            [label]="'mailboxes.reset.temporaryPassword' | t"
            [warning]="'mailboxes.reset.shownOnce' | t"
            [copyLabel]="'common.copy' | t"
            [copiedLabel]="'common.copied' | t"
          />
          <p class="yb-hint">{{ 'mailboxes.reset.mustChange' | t }}</p>
        } @else {
          <p>{{ 'admins.grant.mailbox' | t }}</p>
        }
        <div class="yb-actions">
          <a mat-flat-button [routerLink]="['/admins', admin.id]">{{ 'admins.grant.open' | t }}</a>
          <button mat-button type="button" (click)="another()">
            {{ 'admins.grant.another' | t }}
          </button>
        </div>
      </section>
    } @else {
      <form class="yb-card yb-form" [formGroup]="form" (ngSubmit)="submit()" novalidate>
        <mat-form-field>
          <mat-label>{{ 'admins.fields.email' | t }}</mat-label>
          <input
            matInput
            type="email"
            formControlName="email"
            autocomplete="off"
            required
            data-testid="admin-email"
          />
          <mat-hint>{{ 'admins.fields.emailHint' | t }}</mat-hint>
          <mat-error>{{ form.controls.email.errors | fieldError }}</mat-error>
        </mat-form-field>
        <yb-role-fields [group]="form.controls.grant" [searchAllDomains]="searchDomains" />
        @if (error(); as message) {
          <p class="yb-banner-error" role="alert">{{ message }}</p>
        }
        <div class="yb-actions">
          <button mat-flat-button type="submit" [disabled]="busy()" data-testid="grant-submit">
            {{ 'admins.grant.submit' | t }}
          </button>
          <a mat-button routerLink="/admins">{{ 'common.cancel' | t }}</a>
        </div>
      </form>
    }
  `,
  styles: `
    .done {
      display: grid;
      gap: 12px;
      max-width: 640px;
    }
    .done h2 {
      font: var(--mat-sys-title-large);
    }
    .done p {
      margin: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class AdminCreatePage {
  private readonly api = inject(AdminsApi);
  private readonly problems = inject(ProblemText);
  private idempotencyKey = newIdempotencyKey();

  protected readonly form = new FormGroup({
    email: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.email],
    }),
    grant: roleForm(),
  });
  protected readonly searchDomains = (prefix: string) => this.api.domainNames(prefix);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly created = signal<CreatedAdminResponseDto | null>(null);

  protected roleLabel(admin: CreatedAdminResponseDto) {
    return roleOption(admin.role).label;
  }

  protected another(): void {
    this.created.set(null);
    this.form.reset();
  }

  protected async submit(): Promise<void> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { email, grant } = this.form.getRawValue();
    if (grant.role === null) return;
    this.busy.set(true);
    this.error.set(null);
    try {
      this.created.set(
        await this.api.create(
          {
            email: email.trim().toLowerCase(),
            role: grant.role,
            ...(grant.role === 'superadmin' ? {} : { domains: grant.domains }),
          },
          this.idempotencyKey,
        ),
      );
      this.idempotencyKey = newIdempotencyKey();
    } catch (error) {
      this.error.set(
        this.problems.forForm(this.form, toProblem(error), {
          errors: ADMIN_CREATE_ERRORS,
          fields: { role: 'grant.role', domains: 'grant.domains' },
          codes: {
            ADMIN_EXISTS: 'email',
            ADDRESS_OUT_OF_REACH: 'email',
            SIGN_IN_ADDRESS_TAKEN: 'email',
            ROLE_NOT_GRANTABLE: 'grant.role',
          },
        }),
      );
      this.idempotencyKey = newIdempotencyKey();
    } finally {
      this.busy.set(false);
    }
  }
}
