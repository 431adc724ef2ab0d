import { inject, Injectable } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import type { ErrorCode } from '#contracts';
import { applyProblem, type ApplyProblemOptions } from '../../shared/forms/apply-problem';
import { fieldMessage } from '../../shared/forms/form-errors';
import { I18n } from '../i18n/i18n.service';
import type { ProblemFieldError, UiProblem } from './problem';

/** The sentence to show for a problem: a translation of its code, else the API's detail. */
@Injectable({ providedIn: 'root' })
export class ProblemText {
  private readonly i18n = inject(I18n);

  describe(problem: UiProblem): string {
    return (
      this.i18n.tryT(`errors.codes.${problem.code}`) ??
      problem.detail ??
      this.i18n.t('errors.codes.UNEXPECTED_RESPONSE')
    );
  }

  /**
   * Puts a problem's field errors on the form (applyProblem) and returns what is left to
   * say above the form, or null when everything sits next to its field.
   */
  forForm(form: AbstractControl, problem: UiProblem, options: ApplyProblemOptions): string | null {
    const unplaced = applyProblem(form, problem, options);
    if ((problem.errors ?? []).length > 0) {
      return unplaced.length === 0
        ? null
        : unplaced.map((error) => this.fieldText(options, error)).join('\n');
    }
    if (options.codes?.[problem.code as ErrorCode] !== undefined) return null;
    return this.describe(problem);
  }

  /** A field error with no control of its own, in the form's words where it has them. */
  private fieldText(options: ApplyProblemOptions, error: ProblemFieldError): string {
    const text = fieldMessage(options.errors, error.field, error.code);
    return this.i18n.tryT(text.key, { ...text.params }) ?? `${error.field}: ${error.message}`;
  }
}
