import { inject, Pipe, type PipeTransform } from '@angular/core';
import { I18n, type MessageKey } from './i18n.service';
import type { MessageParams } from './i18n.types';

/**
 * `{{ 'mailboxes.title' | t }}`. Impure so that it follows the language signal; the
 * lookup is a few property reads. Output is text: Angular interpolation escapes it.
 */
@Pipe({ name: 't', pure: false })
export class TranslatePipe implements PipeTransform {
  private readonly i18n = inject(I18n);

  transform(key: MessageKey, params?: MessageParams): string {
    return this.i18n.t(key, params);
  }
}
