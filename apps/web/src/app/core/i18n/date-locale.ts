import {
  effect,
  inject,
  provideEnvironmentInitializer,
  type EnvironmentProviders,
  type Provider,
} from '@angular/core';
import { DateAdapter, provideNativeDateAdapter } from '@angular/material/core';
import { I18n } from './i18n.service';

/**
 * Date pickers that read and write dates in the UI's language (2026/03/31 in Japanese),
 * following it when it changes, whatever the browser's own locale.
 */
export function provideDateLocale(): (Provider | EnvironmentProviders)[] {
  return [
    provideNativeDateAdapter(),
    provideEnvironmentInitializer(() => {
      const dates = inject(DateAdapter);
      const i18n = inject(I18n);
      effect(() => dates.setLocale(i18n.locale()));
    }),
  ];
}
