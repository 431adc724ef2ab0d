import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslatePipe } from '../../core/i18n/translate.pipe';

/**
 * The foot of a settings form: what went wrong, then Save (a submit button of the
 * enclosing form), any further actions projected after it, and "saved" once it was.
 * Nothing but the error shows to a reader who may not change the form.
 */
@Component({
  selector: 'yb-form-actions',
  imports: [MatButtonModule, TranslatePipe],
  template: `
    @if (error(); as message) {
      <p class="yb-banner-error" role="alert" [attr.data-testid]="errorTestId()">
        {{ message }}
      </p>
    }
    @if (!readonly()) {
      <div class="yb-actions">
        <button mat-flat-button type="submit" [disabled]="busy()" [attr.data-testid]="saveTestId()">
          {{ 'common.save' | t }}
        </button>
        <ng-content />
        @if (saved()) {
          <span class="yb-hint" role="status">{{ savedLabel() }}</span>
        }
      </div>
    }
  `,
  styles: `
    :host {
      display: block;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FormActions {
  readonly error = input<string | null>(null);
  readonly busy = input(false);
  readonly saved = input(false);
  readonly savedLabel = input.required<string>();
  readonly readonly = input(false);
  readonly saveTestId = input.required<string>();
  readonly errorTestId = input<string>();
}
