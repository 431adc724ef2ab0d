import type { HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { I18n } from '../i18n/i18n.service';

/**
 * The API answers some texts (troubleshooting findings) in the request's language; the
 * browser's own Accept-Language is not the one chosen in Yubin's toolbar, so say it.
 */
export const languageInterceptor: HttpInterceptorFn = (request, next) => {
  if (!request.url.startsWith('/api/')) return next(request);
  const language = inject(I18n).language();
  return next(request.clone({ setHeaders: { 'Accept-Language': language } }));
};
