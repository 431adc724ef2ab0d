import type { Provider } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { ErrorStateMatcher } from '@angular/material/core';

/**
 * A field shows its error once it was touched: by the user, by a refused submit
 * (`markAllAsTouched`) or by the API (`applyProblem`). Material's default also shows it
 * whenever the form was submitted, and `FormGroup.reset()` does not clear "submitted":
 * after a successful save the emptied required fields turned red. `reset()` does clear
 * "touched", so every form that resets after saving starts clean again.
 */
export class TouchedErrorStateMatcher implements ErrorStateMatcher {
  isErrorState(control: AbstractControl | null): boolean {
    return control !== null && control.invalid && control.touched;
  }
}

/** The form behaviour every form of the app shares (app config and component specs). */
export function provideForms(): Provider[] {
  return [{ provide: ErrorStateMatcher, useClass: TouchedErrorStateMatcher }];
}
