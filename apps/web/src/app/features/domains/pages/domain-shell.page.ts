import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import { Session } from '../../../core/auth/session';
import { isNotFound } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ErrorState } from '../../../shared/ui/list-states';
import NotFoundPage from '../../../shared/ui/not-found-page';
import { PageHeader } from '../../../shared/ui/page-header';
import { DomainContext } from '../data/domain-context';

/**
 * /domains/:domain and everything under it. Loads the domain once; a domain that does not
 * exist, or is outside the user's domains (the API answers 404 for both), shows "not found"
 * for every page below it, deep links included.
 */
@Component({
  selector: 'yb-domain-shell-page',
  imports: [
    RouterOutlet,
    RouterLink,
    RouterLinkActive,
    MatTabsModule,
    PageHeader,
    ErrorState,
    NotFoundPage,
    TranslatePipe,
  ],
  template: `
    @if (context.problem(); as problem) {
      @if (notFound(problem)) {
        <yb-not-found-page />
      } @else {
        <yb-error-state
          [message]="problems.describe(problem)"
          [retryLabel]="'common.retry' | t"
          (retry)="context.refresh()"
        />
      }
    } @else {
      <!-- Pages below start loading their own data at once, in parallel with the domain. -->
      <yb-page-header
        [heading]="context.domain()?.unicodeName ?? domain()"
        [subtitle]="context.domain()?.description"
        backLink="/domains"
        [backLabel]="'domains.title' | t"
      />
      <nav
        mat-tab-nav-bar
        mat-stretch-tabs="false"
        [tabPanel]="panel"
        [attr.aria-label]="'domains.sections' | t"
      >
        <a
          mat-tab-link
          routerLink="."
          [routerLinkActiveOptions]="{ exact: true }"
          routerLinkActive
          #overview="routerLinkActive"
          [active]="overview.isActive"
          >{{ 'domains.overview' | t }}</a
        >
        @if (session.can('mailboxes:read')) {
          <a
            mat-tab-link
            routerLink="mailboxes"
            routerLinkActive
            #mailboxes="routerLinkActive"
            [active]="mailboxes.isActive"
            data-testid="tab-mailboxes"
            >{{ 'domains.mailboxes' | t }}</a
          >
        }
        @if (session.can('aliases:read')) {
          <a
            mat-tab-link
            routerLink="aliases"
            routerLinkActive
            #aliases="routerLinkActive"
            [active]="aliases.isActive"
            data-testid="tab-aliases"
            >{{ 'domains.aliases' | t }}</a
          >
        }
      </nav>
      <mat-tab-nav-panel #panel class="panel"><router-outlet /></mat-tab-nav-panel>
    }
  `,
  styles: `
    .panel {
      display: block;
      padding-top: 24px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class DomainShellPage {
  protected readonly context = inject(DomainContext);
  protected readonly problems = inject(ProblemText);
  protected readonly session = inject(Session);
  readonly domain = input.required<string>();
  protected readonly notFound = isNotFound;

  constructor() {
    effect(() => {
      const name = this.domain().toLowerCase();
      untracked(() => void this.context.load(name));
    });
  }
}
