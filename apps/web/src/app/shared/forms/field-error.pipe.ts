import { inject, Pipe, type PipeTransform } from '@angular/core';
import type { ValidationErrors } from '@angular/forms';
import { I18n } from '../../core/i18n/i18n.service';
import type { ServerFieldError } from './apply-problem';

/**
 * The sentence for a control's first error: `{{ form.controls.name.errors | fieldError }}`.
 * Server errors are translated by their code when a translation exists, else shown as the
 * API wrote them.
 */
@Pipe({ name: 'fieldError', pure: false })
export class FieldErrorPipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(errors: ValidationErrors | null | undefined): string {
    if (errors === null || errors === undefined) return '';
    const server = errors['server'] as ServerFieldError | undefined;
    if (server !== undefined) {
      return (
        (server.text === undefined
          ? undefined
          : this.i18n.tryT(server.text.key, { ...server.text.params })) ??
        this.i18n.tryT(`errors.fields.${server.code}`) ??
        this.i18n.tryT(`errors.codes.${server.code}`) ??
        server.message
      );
    }
    const [name, detail] = Object.entries(errors)[0] ?? [];
    if (name === undefined) return '';
    const params: Record<string, number> = {};
    if (detail !== null && typeof detail === 'object') {
      const record = detail as Record<string, unknown>;
      for (const key of ['requiredLength', 'min', 'max']) {
        if (typeof record[key] === 'number') params[key] = record[key];
      }
    }
    return this.i18n.tryT(`validation.${name}`, params) ?? this.i18n.t('validation.invalid');
  }
}
