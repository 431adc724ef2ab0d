import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatTabsModule } from '@angular/material/tabs';
import { RouterLink, RouterLinkActive, RouterOutlet } from '@angular/router';
import type { MessageKey } from '../../core/i18n/i18n.service';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

export interface RouteTab {
  /** Relative to the page that shows the tabs, or absolute. */
  link: string;
  label: MessageKey;
  /** Active only on exactly this path (the tab whose page is the parent's own). */
  exact?: boolean;
  testId?: string;
  /** False hides the tab (e.g. a section the user's role cannot read). */
  shown?: boolean;
}

/** Tabs that are links to child routes, with the child page shown below them. */
@Component({
  selector: 'yb-route-tabs',
  imports: [RouterOutlet, RouterLink, RouterLinkActive, MatTabsModule, TranslatePipe],
  template: `
    <nav mat-tab-nav-bar mat-stretch-tabs="false" [tabPanel]="panel" [attr.aria-label]="label()">
      @for (tab of tabs(); track tab.link) {
        @if (tab.shown !== false) {
          <a
            mat-tab-link
            [routerLink]="tab.link"
            [routerLinkActiveOptions]="{ exact: tab.exact ?? false }"
            routerLinkActive
            #link="routerLinkActive"
            [active]="link.isActive"
            [attr.data-testid]="tab.testId"
            >{{ tab.label | t }}</a
          >
        }
      }
    </nav>
    <mat-tab-nav-panel #panel class="panel"><router-outlet /></mat-tab-nav-panel>
  `,
  styles: `
    .panel {
      display: block;
      padding-top: 24px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RouteTabs {
  readonly tabs = input.required<readonly RouteTab[]>();
  /** What the tabs are, for screen readers ("Domain sections"). */
  readonly label = input.required<string>();
}
