import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatIconModule } from '@angular/material/icon';
import { MatProgressSpinnerModule } from '@angular/material/progress-spinner';

/** Shown while a list or page is loading. */
@Component({
  selector: 'yb-loading',
  imports: [MatProgressSpinnerModule],
  template: `<div class="box" role="status" aria-live="polite">
    <mat-progress-spinner mode="indeterminate" diameter="32" [attr.aria-label]="label()" />
    <span>{{ label() }}</span>
  </div>`,
  styles: `
    .box {
      display: flex;
      gap: 12px;
      align-items: center;
      justify-content: center;
      padding: 40px 16px;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class Loading {
  readonly label = input.required<string>();
}

/** Shown when a list has nothing in it: says why and what to do next. */
@Component({
  selector: 'yb-empty-state',
  imports: [MatIconModule],
  template: `<div class="box">
    <mat-icon [fontIcon]="icon()" />
    <h2>{{ heading() }}</h2>
    @if (message()) {
      <p>{{ message() }}</p>
    }
    <ng-content />
  </div>`,
  styles: `
    .box {
      display: grid;
      justify-items: center;
      gap: 8px;
      padding: 40px 16px;
      text-align: center;
    }
    mat-icon {
      width: 48px;
      height: 48px;
      font-size: 48px;
      color: var(--mat-sys-primary);
    }
    h2 {
      font: var(--mat-sys-title-medium);
    }
    p {
      margin: 0;
      max-width: 52ch;
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyState {
  readonly icon = input('inbox');
  readonly heading = input.required<string>();
  readonly message = input<string>();
}

/** Shown when loading failed, with the reason and a way to try again. */
@Component({
  selector: 'yb-error-state',
  imports: [MatIconModule, MatButtonModule],
  template: `<div class="box" role="alert">
    <mat-icon fontIcon="error" />
    <p>{{ message() }}</p>
    @if (retryLabel()) {
      <button mat-stroked-button type="button" (click)="retry.emit()">{{ retryLabel() }}</button>
    }
  </div>`,
  styles: `
    .box {
      display: grid;
      justify-items: center;
      gap: 8px;
      padding: 32px 16px;
      text-align: center;
    }
    mat-icon {
      color: var(--mat-sys-error);
    }
    p {
      margin: 0;
      max-width: 60ch;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ErrorState {
  readonly message = input.required<string>();
  readonly retryLabel = input<string>();
  readonly retry = output();
}
