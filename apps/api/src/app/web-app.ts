import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import express, {
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';

const NONCE_PLACEHOLDER = 'CSP_NONCE_PLACEHOLDER';

/** Built files live at the root (chunk-*.js, styles-*.css) and under media/; never HTML. */
const ASSET_PATH = /^\/(?:[^/]+\.(?:js|mjs|css|map|json|ico|svg|png|webp|txt|woff2?)|media\/.+)$/;
/** Hashed file names never change content, so browsers may keep them for a year. */
const HASHED = /-[A-Z0-9]{8}\.(?:js|css|woff2?)$/;

/**
 * /api and everything under it, in any letter case: such a path is the API's to answer
 * (404 when no route matches it exactly), never the UI's. /api-tokens is a UI page.
 */
export function isApiPath(path: string): boolean {
  return /^\/api(?:\/|$)/i.test(path) || isAutoconfigPath(path) || isMtaStsPath(path);
}

/** Where senders fetch a domain's MTA-STS policy (modules/dns): the server's, never the UI's. */
export function isMtaStsPath(path: string): boolean {
  return /^\/\.well-known\/mta-sts\.txt$/i.test(path);
}

/** Where mail apps look for their settings (modules/autoconfig): the server's, never the UI's. */
export function isAutoconfigPath(path: string): boolean {
  return /^\/(?:autodiscover|\.well-known\/autoconfig)(?:\/|$)|^\/mail\/config-v1\.1\.xml$/i.test(
    path,
  );
}

/**
 * The UI's Content-Security-Policy: scripts only from this origin, styles from this
 * origin or carrying the per-response nonce (Angular adds it to the component styles it
 * inserts), no plugins, no framing, and Trusted Types so no string can become script.
 */
export function webContentSecurityPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self' 'nonce-${nonce}'`,
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "manifest-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "require-trusted-types-for 'script'",
    'trusted-types angular angular#bundler',
  ].join('; ');
}

/**
 * Serves the built Angular app: its files, and index.html for every other GET outside
 * /api so deep links (/domains/example.com/mailboxes/alice) load the app, which then
 * routes. Returns no handlers when the UI has not been built.
 */
export function webAppHandlers(root: string): RequestHandler[] {
  const indexFile = join(root, 'index.html');
  if (!existsSync(indexFile)) return [];
  // Re-read when a new build replaces it, so a running server never points at old chunks.
  let index = { mtimeMs: 0, html: '' };
  const indexHtml = (): string => {
    const { mtimeMs } = statSync(indexFile);
    if (mtimeMs !== index.mtimeMs) index = { mtimeMs, html: readFileSync(indexFile, 'utf8') };
    return index.html;
  };
  const files = express.static(root, {
    index: false,
    redirect: false,
    fallthrough: true,
    setHeaders: (response, path) => {
      response.setHeader(
        'Cache-Control',
        HASHED.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });

  const assets = (request: Request, response: Response, next: NextFunction): void => {
    if (isApiPath(request.path) || request.path === '/index.html') {
      next();
      return;
    }
    files(request, response, next);
  };

  const historyFallback = (request: Request, response: Response, next: NextFunction): void => {
    if ((request.method !== 'GET' && request.method !== 'HEAD') || isApiPath(request.path)) {
      next();
      return;
    }
    if (ASSET_PATH.test(request.path)) {
      response.status(404).type('text/plain').send('Not found');
      return;
    }
    const nonce = randomBytes(16).toString('base64');
    response.setHeader('Content-Security-Policy', webContentSecurityPolicy(nonce));
    response.setHeader('Cache-Control', 'no-cache');
    response.type('html').send(indexHtml().replaceAll(NONCE_PLACEHOLDER, nonce));
  };

  return [assets, historyFallback];
}
