import { ChangeDetectionStrategy, Component } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../../core/i18n/translate.pipe';
import { EmptyState } from './list-states';

/** Any address the UI does not know, and anything outside the user's reach. */
@Component({
  selector: 'yb-not-found-page',
  imports: [EmptyState, MatButtonModule, RouterLink, TranslatePipe],
  template: `
    <yb-empty-state
      icon="travel_explore"
      [heading]="'notFound.title' | t"
      [message]="'notFound.message' | t"
    >
      <a mat-flat-button routerLink="/">{{ 'notFound.home' | t }}</a>
    </yb-empty-state>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export default class NotFoundPage {}
