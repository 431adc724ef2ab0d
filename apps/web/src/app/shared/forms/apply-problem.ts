import type { AbstractControl } from '@angular/forms';
import type { ErrorCode } from '#contracts';
import type { ProblemFieldError, UiProblem } from '../../core/http/problem';
import { fieldMessage, type FieldMessage, type FormErrors } from './form-errors';

/** The error a control carries after the API refused its value. */
export interface ServerFieldError {
  code: string;
  /** The API's English message: shown only where no translation exists. */
  message: string;
  /** The form's message for this field and code (see FormErrors). */
  text?: FieldMessage;
}

export interface ApplyProblemOptions {
  /** How this form words each field error the API can send: required, so no form shows raw API text. */
  errors: FormErrors;
  /** API field name → control path, where the form names a field differently. */
  fields?: Readonly<Record<string, string>>;
  /** Problems without per-field errors that still belong to one control, by code. */
  codes?: Partial<Readonly<Record<ErrorCode, string>>>;
}

/**
 * The one place that maps an API problem onto a form: every per-field error in
 * `problem.errors` (`{field, code, message}`, dotted paths like `destinations.1`) becomes
 * a `server` error on the matching control, which is marked touched so it shows at once.
 * A problem without per-field errors is attached to a control by its code when the form
 * says where it belongs (`MAILBOX_EXISTS` → `localPart`).
 *
 * Returns the field errors that matched no control, for a banner above the form.
 * Angular clears a `server` error as soon as the user edits the control.
 */
export function applyProblem(
  form: AbstractControl,
  problem: UiProblem,
  options: ApplyProblemOptions,
): ProblemFieldError[] {
  const unplaced: ProblemFieldError[] = [];
  const fieldErrors = problem.errors ?? [];
  for (const error of fieldErrors) {
    const control = findControl(form, error.field, options.fields);
    if (control === null) {
      unplaced.push(error);
      continue;
    }
    setServerError(control, {
      code: error.code,
      message: error.message,
      text: fieldMessage(options.errors, error.field, error.code),
    });
  }
  if (fieldErrors.length === 0) {
    const path = options.codes?.[problem.code as ErrorCode];
    const control = path === undefined ? null : form.get(path);
    if (control !== null) {
      setServerError(control, { code: problem.code, message: problem.detail ?? problem.title });
    }
  }
  return unplaced;
}

function findControl(
  form: AbstractControl,
  field: string,
  aliases: Readonly<Record<string, string>> | undefined,
): AbstractControl | null {
  const direct = aliases?.[field] ?? field;
  const control = form.get(direct);
  if (control !== null) return control;
  // `destinations.3` with no control of its own belongs to `destinations`.
  const parent = field.includes('.') ? field.slice(0, field.lastIndexOf('.')) : undefined;
  return parent === undefined ? null : findControl(form, parent, aliases);
}

function setServerError(control: AbstractControl, error: ServerFieldError): void {
  control.setErrors({ ...(control.errors ?? {}), server: error });
  control.markAsTouched();
}
