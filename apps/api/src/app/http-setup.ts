import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { INestApplication } from '@nestjs/common';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import express, { type NextFunction, type Request, type Response } from 'express';
import { assertEveryRouteHasAccessRule, routeTable } from '../common/auth/route-table.js';
import { problemTypeFor } from '../common/errors/problem-details.filter.js';
import { ProblemDetailsFilter } from '../common/errors/problem-details.filter.js';
import { BodyTooDeepError, bodyDepthMiddleware } from '../common/http/body-depth.js';
import { requestIdMiddleware } from '../common/http/request-id.js';
import { requestLogMiddleware } from '../common/http/request-log.js';
import { serverTimingMiddleware } from '../common/http/server-timing.js';
import { createValidationPipe, RejectControlCharactersPipe } from '../common/http/validation.js';
import type { ErrorCode } from '#contracts';
import type { AppConfig } from '../infra/config/app-config.js';
import { expressTrustProxy } from '../infra/config/trust-proxy.js';
import { serveApiDocs } from './api-docs.js';
import { buildOpenApiDocument } from './openapi.js';
import { AUTOCONFIG_PATHS } from '../modules/autoconfig/autoconfig.controller.js';
import { MTA_STS_PATH } from '../modules/dns/mta-sts.controller.js';
import { isApiPath, webAppHandlers } from './web-app.js';

export const API_PREFIX = 'api/v1';

/** A year; subdomains are left out, as the host's other names need not be Yubin's. */
export const STRICT_TRANSPORT_SECURITY = 'max-age=31536000';

function securityHeaders(request: Request, response: Response, next: NextFunction): void {
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('X-Frame-Options', 'DENY');
  response.setHeader('Referrer-Policy', 'no-referrer');
  response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  // `secure`: TLS here, or https as reported by a trusted proxy (TRUST_PROXY).
  if (request.secure) response.setHeader('Strict-Transport-Security', STRICT_TRANSPORT_SECURITY);
  next();
}

function noStore(_request: Request, response: Response, next: NextFunction): void {
  response.setHeader('Cache-Control', 'no-store');
  next();
}

const BODY_ERRORS: Partial<Record<number, { title: string; detail: string }>> = {
  413: { title: 'Content Too Large', detail: 'The request body is larger than 1 MB.' },
  415: { title: 'Unsupported Media Type', detail: 'Send the body as UTF-8 JSON.' },
};

function sendProblem(
  request: Request,
  response: Response,
  status: number,
  code: ErrorCode,
  title: string,
  detail: string,
): void {
  response
    .status(status)
    .type('application/problem+json')
    .send(
      JSON.stringify({
        type: problemTypeFor(code),
        title,
        status,
        detail,
        instance: request.originalUrl.split('?')[0],
        code,
      }),
    );
}

/** body-parser's errors (and the depth bound's) happen before Nest's filters; answer them as problems too. */
function bodyParserErrors(
  error: unknown,
  request: Request,
  response: Response,
  next: NextFunction,
): void {
  const status = (error as { status?: unknown }).status;
  if (typeof status !== 'number' || status < 400 || status >= 500) {
    next(error);
    return;
  }
  sendProblem(
    request,
    response,
    status,
    'MALFORMED_REQUEST',
    BODY_ERRORS[status]?.title ?? 'Bad Request',
    error instanceof BodyTooDeepError
      ? error.message
      : (BODY_ERRORS[status]?.detail ?? 'The request body is not valid JSON.'),
  );
}

/**
 * The last handler: a path under /api (in any letter case) that no route matched, such as
 * /API/V1/ME or /api/docs-typo, is the API's 404, never Express's HTML page nor the UI.
 */
function unmatchedApiPath(request: Request, response: Response, next: NextFunction): void {
  if (!isApiPath(request.path)) {
    next();
    return;
  }
  const instance = request.originalUrl.split('?')[0] ?? '';
  sendProblem(
    request,
    response,
    404,
    'ROUTE_NOT_FOUND',
    'Not Found',
    `No route ${request.method} ${instance}.`,
  );
}

/** What Node's HTTP parser refuses before any handler runs, as its default answer does. */
const PARSER_STATUS: Partial<Record<string, number>> = {
  HPE_HEADER_OVERFLOW: 431,
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408,
};

/**
 * A request Node's parser refuses (a head over its 16 KB limit, a malformed request line)
 * never reaches Express; its default answer has no body. Answer it as a problem too.
 */
function answerParserErrors(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const status = PARSER_STATUS[error.code ?? ''] ?? 400;
  const title = STATUS_CODES[status] ?? 'Bad Request';
  const body = JSON.stringify({
    type: problemTypeFor('MALFORMED_REQUEST'),
    title,
    status,
    detail:
      status === 431
        ? 'The request line and headers are larger than 16 KB.'
        : 'The request is not valid HTTP.',
    code: 'MALFORMED_REQUEST',
  });
  socket.end(
    `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nX-Content-Type-Options: nosniff\r\n` +
      `Connection: close\r\n\r\n${body}`,
  );
}

/** Registers what comes after every route, and the answer to requests that reach none; call it once the app is initialised. */
export function configureHttpAfterRoutes(app: INestApplication): void {
  app.use(unmatchedApiPath);
  (app.getHttpServer() as Server).on('clientError', answerParserErrors);
}

/**
 * The Express instance the app runs on. Case-sensitive routing must be set before the
 * router exists (the first route or middleware creates it): /API/V1/ME is not /api/v1/me,
 * so a path in another letter case reaches no route and answers 404.
 */
export function createHttpAdapter(): ExpressAdapter {
  const instance = express();
  instance.set('case sensitive routing', true);
  return new ExpressAdapter(instance);
}

/** Everything about HTTP that is the same in production, tests and the OpenAPI export. */
/**
 * How long an idle keep-alive connection stays open: longer than the 60 s a reverse proxy
 * (nginx's upstream keepalive, most load balancers) or an HTTP client keeps one, so the
 * peer, never Yubin, closes it. With Node's 5 s, a request sent into a connection Yubin
 * was closing at that moment failed (ECONNRESET, or a proxy's 502).
 */
const KEEP_ALIVE_MS = 65_000;

export function configureHttp(app: INestApplication, config: AppConfig): void {
  const server = app.getHttpServer() as Server;
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  // Node wants the headers' deadline past the keep-alive one.
  server.headersTimeout = KEEP_ALIVE_MS + 1000;
  const express_ = app as NestExpressApplication;
  express_.set('trust proxy', expressTrustProxy(config.http.trustProxy));
  express_.disable('x-powered-by');
  // ETags are set per resource from row versions; Express's body hashes would only confuse clients.
  express_.set('etag', false);
  app.use(serverTimingMiddleware);
  app.use(requestIdMiddleware);
  app.use(requestLogMiddleware(config.log.format === 'json'));
  app.use(securityHeaders);
  app.use(`/${API_PREFIX}`, noStore);
  app.use(express.json({ limit: '1mb', type: ['application/json', 'application/*+json'] }));
  // Outlook's autodiscover request is a few hundred bytes of XML, at either spelling of the path.
  const xmlText = express.text({ limit: '16kb', type: ['text/xml', 'application/xml'] });
  app.use((request: Request, response: Response, next: NextFunction) => {
    if (/^\/autodiscover\//i.test(request.path)) xmlText(request, response, next);
    else next();
  });
  app.use(bodyDepthMiddleware);
  app.use(bodyParserErrors);
  app.use(cookieParser());
  // The built UI at `/` (its files, and index.html for deep links); the API stays at /api.
  for (const handler of webAppHandlers(config.webRoot)) app.use(handler);
  app.setGlobalPrefix(API_PREFIX, { exclude: [...AUTOCONFIG_PATHS, MTA_STS_PATH] });
  app.useGlobalPipes(new RejectControlCharactersPipe(), createValidationPipe());
  app.useGlobalFilters(new ProblemDetailsFilter());

  assertEveryRouteHasAccessRule(routeTable(app, API_PREFIX));
  serveApiDocs(app, () => buildOpenApiDocument(app));
}
