import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';

/** The languages the API writes sentences in; the UI has the same two. */
export const LANGUAGES = ['en', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The best of our languages for an `Accept-Language` header (RFC 9110 §12.5.4): the
 * highest q among the ranges that name one, English when none does.
 */
export function preferredLanguage(header: string | undefined): Language {
  let best: { language: Language; q: number } = { language: 'en', q: 0 };
  for (const part of (header ?? '').split(',')) {
    const [range = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam === undefined ? 1 : Number(qParam.slice(2));
    if (!Number.isFinite(q) || q <= 0) continue;
    const primary = range.split('-')[0];
    const language = LANGUAGES.find((candidate) => candidate === primary);
    if (language !== undefined && q > best.q) best = { language, q };
  }
  return best.language;
}

/** The request's language, from its `Accept-Language` header. */
export const RequestLanguage = createParamDecorator(
  (_data: unknown, execution: ExecutionContext): Language =>
    preferredLanguage(execution.switchToHttp().getRequest<Request>().header('accept-language')),
);
