import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';

/** A page's title, an optional line under it, a way back, and its main actions. */
@Component({
  selector: 'yb-page-header',
  imports: [RouterLink, MatIconModule, MatButtonModule],
  template: `
    @if (backLink(); as link) {
      <a mat-button class="back" [routerLink]="link"
        ><mat-icon fontIcon="arrow_back" />{{ backLabel() }}</a
      >
    }
    <div class="row">
      <div class="titles">
        <h1>{{ heading() }}</h1>
        @if (subtitle()) {
          <p class="subtitle">{{ subtitle() }}</p>
        }
      </div>
      <div class="actions"><ng-content /></div>
    </div>
  `,
  styles: `
    :host {
      display: block;
      margin-bottom: 24px;
    }
    .back {
      margin: 0 0 8px -12px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      gap: 16px;
      align-items: flex-end;
      justify-content: space-between;
    }
    h1 {
      font: var(--mat-sys-headline-medium);
      overflow-wrap: anywhere;
    }
    .subtitle {
      margin: 6px 0 0;
      color: var(--mat-sys-on-surface-variant);
      max-width: 70ch;
    }
    .actions {
      display: flex;
      gap: 8px;
      flex-wrap: wrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PageHeader {
  readonly heading = input.required<string>();
  readonly subtitle = input<string>();
  readonly backLink = input<string | readonly string[]>();
  readonly backLabel = input<string>('');
}
