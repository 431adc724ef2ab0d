import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import { Session } from '../../../core/auth/session';
import { isNotFound } from '../../../core/http/problem';
import { ProblemText } from '../../../core/http/problem-text';
import { TranslatePipe } from '../../../core/i18n/translate.pipe';
import { ErrorState } from '../../../shared/ui/list-states';
import NotFoundPage from '../../../shared/ui/not-found-page';
import { PageHeader } from '../../../shared/ui/page-header';
import { RouteTabs, type RouteTab } from '../../../shared/ui/route-tabs';
import { DomainContext } from '../data/domain-context';

/**
 * /domains/:domain and everything under it. Loads the domain once; a domain that does not
 * exist, or is outside the user's domains (the API answers 404 for both), shows "not found"
 * for every page below it, deep links included.
 */
@Component({
  selector: 'yb-domain-shell-page',
  imports: [PageHeader, RouteTabs, ErrorState, NotFoundPage, TranslatePipe],
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
      <yb-route-tabs [tabs]="tabs()" [label]="'domains.sections' | t" />
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

  protected readonly tabs = computed((): RouteTab[] => [
    { link: '.', label: 'domains.overview', exact: true },
    {
      link: 'mailboxes',
      label: 'domains.mailboxes',
      testId: 'tab-mailboxes',
      shown: this.session.can('mailboxes:read'),
    },
    {
      link: 'aliases',
      label: 'domains.aliases',
      testId: 'tab-aliases',
      shown: this.session.can('aliases:read'),
    },
    {
      link: 'spam',
      label: 'domains.spam',
      testId: 'tab-spam',
      shown: this.session.can('spam:read'),
    },
    { link: 'dns', label: 'domains.dns', testId: 'tab-dns' },
  ]);

  constructor() {
    effect(() => {
      const name = this.domain().toLowerCase();
      untracked(() => void this.context.load(name));
    });
  }
}
