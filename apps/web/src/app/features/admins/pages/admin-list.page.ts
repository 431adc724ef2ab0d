import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { FormControl, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { RouterLink } from '@angular/router';
import type { AdminResponseDto } from '@yubin/api-client';
import { debounceTime, distinctUntilChanged } from 'rxjs';
import { Session } from '../../../core/auth/session';
import { DateTimePipe } from '../../../core/i18n/format.pipes';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { Address } from '../../../shared/ui/address';
import { CursorPager } from '../../../shared/data/cursor-pager';
import { EmptyState } from '../../../shared/ui/list-states';
import { PagedList } from '../../../shared/ui/paged-list';
import { PageHeader } from '../../../shared/ui/page-header';
import { StatusBadge } from '../../../shared/ui/status-badge';
import { AdminsApi } from '../data/admins-api';
import { roleOption } from '../data/roles';
import { UnicodeNamesPipe } from '../../../shared/ui/unicode-name.pipe';

/** Everyone who holds an admin role within the signed-in admin's reach. */
@Component({
  selector: 'yb-admin-list-page',
  imports: [
    UnicodeNamesPipe,
    Address,
    ReactiveFormsModule,
    RouterLink,
    MatButtonModule,
    MatFormFieldModule,
    MatIconModule,
    MatInputModule,
    PageHeader,
    StatusBadge,
    EmptyState,
    PagedList,
    TranslatePipe,
    DateTimePipe,
  ],
  template: `
    <yb-page-header [heading]="'admins.title' | t" [subtitle]="'admins.subtitle' | t">
      @if (session.can('admins:write')) {
        <a mat-flat-button routerLink="new" data-testid="grant-role"
          ><mat-icon fontIcon="person_add" />{{ 'admins.grant.button' | t }}</a
        >
      }
    </yb-page-header>

    <mat-form-field class="search">
      <mat-label>{{ 'admins.search' | t }}</mat-label>
      <mat-icon matPrefix fontIcon="search" />
      <input matInput type="search" [formControl]="search" autocomplete="off" />
    </mat-form-field>

    <yb-paged-list [source]="pager">
      <ng-container ybEmpty>
        @if (filtered()) {
          <yb-empty-state icon="search_off" [heading]="'admins.noMatch' | t" />
        } @else {
          <yb-empty-state
            icon="group_add"
            [heading]="'admins.empty' | t"
            [message]="'admins.emptyHint' | t"
          />
        }
      </ng-container>
      <div class="yb-table-wrap" [attr.aria-busy]="pager.loading()">
        <table class="yb-table" data-testid="admin-table">
          <thead>
            <tr>
              <th scope="col">{{ 'admins.fields.email' | t }}</th>
              <th scope="col">{{ 'admins.fields.role' | t }}</th>
              <th scope="col">{{ 'admins.fields.domains' | t }}</th>
              <th scope="col">{{ 'common.status' | t }}</th>
              <th scope="col">{{ 'admins.fields.lastLogin' | t }}</th>
            </tr>
          </thead>
          <tbody>
            @for (admin of pager.items(); track admin.id) {
              <tr>
                <td>
                  <a [routerLink]="[admin.id]"><yb-address [address]="admin.email" /></a>
                  <div class="yb-hint">
                    {{
                      (admin.kind === 'mailbox' ? 'admins.kind.mailbox' : 'admins.kind.admin') | t
                    }}
                  </div>
                </td>
                <td class="nowrap" [attr.data-label]="'admins.fields.role' | t">
                  {{ roleLabel(admin) | t }}
                </td>
                <td [attr.data-label]="'admins.fields.domains' | t">
                  {{
                    admin.role === 'superadmin'
                      ? ('admins.allDomains' | t)
                      : (admin.domains | unicodeNames)
                  }}
                </td>
                <td [attr.data-label]="'common.status' | t">
                  <span class="badges">
                    @if (!admin.active) {
                      <yb-status-badge
                        [label]="'admins.status.inactive' | t"
                        tone="off"
                        icon="block"
                      />
                    }
                    @if (admin.mustChangePassword) {
                      <yb-status-badge
                        [label]="'mailboxes.chips.mustChange' | t"
                        tone="warn"
                        icon="password"
                      />
                    }
                    @if (admin.twoFactorEnabled) {
                      <yb-status-badge
                        [label]="'mailboxes.chips.twoFactorOn' | t"
                        tone="ok"
                        icon="verified_user"
                      />
                    } @else {
                      <yb-status-badge
                        [label]="'admins.status.noTwoFactor' | t"
                        tone="info"
                        icon="shield"
                      />
                    }
                  </span>
                </td>
                <td class="nowrap" [attr.data-label]="'admins.fields.lastLogin' | t">
                  {{
                    admin.lastLoginAt
                      ? (admin.lastLoginAt | dateTime)
                      : ('admins.neverSignedIn' | t)
                  }}
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    </yb-paged-list>
  `,
  styles: `
    .search {
      width: min(420px, 100%);
    }
    .badges {
      display: flex;
      flex-wrap: wrap;
      gap: 4px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class AdminListPage {
  private readonly api = inject(AdminsApi);
  protected readonly session = inject(Session);

  protected readonly search = new FormControl('', { nonNullable: true });
  private readonly query = signal('');
  protected readonly filtered = computed(() => this.query() !== '');
  protected readonly pager = new CursorPager<AdminResponseDto>((cursor) =>
    this.api.list({ q: this.query() || undefined, cursor, limit: 50 }),
  );

  constructor() {
    this.search.valueChanges
      .pipe(debounceTime(250), distinctUntilChanged(), takeUntilDestroyed())
      .subscribe((value) => this.query.set(value.trim()));
    toObservable(this.query)
      .pipe(takeUntilDestroyed())
      .subscribe(() => void this.pager.reset());
  }

  protected roleLabel(admin: AdminResponseDto) {
    return roleOption(admin.role).label;
  }
}
