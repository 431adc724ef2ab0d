import {
  provideHttpClient,
  withFetch,
  withInterceptors,
  withXsrfConfiguration,
} from '@angular/common/http';
import {
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
  type ApplicationConfig,
} from '@angular/core';
import { MAT_FORM_FIELD_DEFAULT_OPTIONS } from '@angular/material/form-field';
import { MatIconRegistry } from '@angular/material/icon';
import { MAT_SNACK_BAR_DEFAULT_OPTIONS } from '@angular/material/snack-bar';
import {
  PreloadAllModules,
  provideRouter,
  TitleStrategy,
  withComponentInputBinding,
  withInMemoryScrolling,
  withPreloading,
  withRouterConfig,
} from '@angular/router';
import { routes } from './app.routes';
import { provideDateLocale } from './core/i18n/date-locale';
import { I18n } from './core/i18n/i18n.service';
import { sessionExpiredInterceptor } from './core/http/session-expired.interceptor';
import { languageInterceptor } from './core/http/language.interceptor';
import { TranslatedTitleStrategy } from './core/layout/title-strategy';
import { ThemeService } from './core/theme/theme.service';
import { Session } from './core/auth/session';
import { provideForms } from './shared/forms/error-state';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideForms(),
    provideRouter(
      routes,
      withComponentInputBinding(),
      withRouterConfig({ paramsInheritanceStrategy: 'always' }),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
      // After the first page shows, fetch the other pages' code in the background.
      withPreloading(PreloadAllModules),
    ),
    // Relative URLs only: Angular adds X-XSRF-TOKEN to same-origin writes, not absolute ones.
    provideHttpClient(
      withFetch(),
      withXsrfConfiguration({ cookieName: 'XSRF-TOKEN', headerName: 'X-XSRF-TOKEN' }),
      withInterceptors([languageInterceptor, sessionExpiredInterceptor]),
    ),
    { provide: TitleStrategy, useClass: TranslatedTitleStrategy },
    {
      provide: MAT_FORM_FIELD_DEFAULT_OPTIONS,
      useValue: { appearance: 'outline', subscriptSizing: 'dynamic' },
    },
    { provide: MAT_SNACK_BAR_DEFAULT_OPTIONS, useValue: { duration: 5000 } },
    provideDateLocale(),
    provideAppInitializer(() => {
      inject(ThemeService).init();
      // Ask who is signed in while the router fetches the first page's code.
      inject(Session)
        .ensure()
        .catch(() => null);
      // Ligatures come from the fontIcon attribute (a ::before), never a text node: before the
      // font arrives, a text node would show "visibility" where the label says "Show password".
      inject(MatIconRegistry).setDefaultFontSetClass(
        'material-symbols-outlined',
        'mat-ligature-font',
      );
      return inject(I18n).init();
    }),
  ],
};
