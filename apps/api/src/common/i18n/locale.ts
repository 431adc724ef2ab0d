import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request, Response } from 'express';

/** The languages the API answers in; the UI offers the same two. */
export const LOCALES = ['en', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * The language an `Accept-Language` header prefers (RFC 9110 §12.5.4): the highest weight
 * among the languages offered, the earlier one on a tie; English without a match.
 */
export function negotiateLocale(header: string | undefined): Locale {
  if (header === undefined) return 'en';
  let best: { locale: Locale; weight: number } | undefined;
  for (const part of header.split(',').slice(0, 50)) {
    const [range = '', ...params] = part.trim().split(';');
    const tag = range.trim().toLowerCase();
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    if (!Number.isFinite(weight) || weight <= 0 || weight > 1) continue;
    const locale = LOCALES.find((l) => tag === l || tag.startsWith(`${l}-`));
    if (locale !== undefined && (best === undefined || weight > best.weight)) {
      best = { locale, weight };
    }
  }
  return best?.locale ?? 'en';
}

/**
 * The request's language for a localised answer. It also says so in the response
 * (`Content-Language`, and `Vary` for caches), so a route cannot localise without it.
 */
export const RequestLocale = createParamDecorator(
  (_data: unknown, execution: ExecutionContext): Locale => {
    const http = execution.switchToHttp();
    const locale = negotiateLocale(http.getRequest<Request>().header('accept-language'));
    const response = http.getResponse<Response>();
    response.setHeader('Content-Language', locale);
    response.vary('Accept-Language');
    return locale;
  },
);
