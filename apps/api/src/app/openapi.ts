import type { INestApplication } from '@nestjs/common';
import {
  DocumentBuilder,
  SwaggerModule,
  type OpenAPIObject,
  type OperationObject,
  type ResponseObject,
} from '@nestjs/swagger';
import { MetadataScanner, ModulesContainer } from '@nestjs/core';
import type { ErrorCode } from '#contracts';
import { problemContent, ProblemDto, problemExample } from '../common/http/api-docs.decorators.js';
import { routeTable } from '../common/auth/route-table.js';
import {
  type DtoClass,
  fieldErrorCodes,
  fieldLimits,
  validatedClasses,
} from '../common/validators/field-error-codes.js';
import { API_PREFIX } from './http-setup.js';

const IDEMPOTENCY_KEY = {
  name: 'Idempotency-Key',
  in: 'header' as const,
  required: false,
  description:
    'Any unique string (e.g. a UUID). A retry with the same key and body replays the first response (with `Idempotent-Replayed: true`) and changes nothing; the same key with another body is refused with 422.',
  schema: { type: 'string' as const, maxLength: 255 },
};

/**
 * The OpenAPI document. operationId is the controller method name, which is also the
 * generated client's function name. Every authenticated route documents 401 and 403.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('Yubin API')
    .setDescription(
      [
        'Administration of hosted mail domains: domains, mailboxes, aliases, quotas, credentials and audit.',
        '',
        'Authenticate with the session cookie from `POST /api/v1/auth/login` (then echo the `XSRF-TOKEN` cookie in',
        'the `X-XSRF-TOKEN` header on every write), or with `Authorization: Bearer <token>` from `POST /api/v1/api-tokens`.',
        '',
        'Lists are paged with cursors: pass `nextCursor` back as `cursor` until it is null.',
        'Errors are RFC 9457 `application/problem+json` with a stable `code`.',
        'Single resources carry an `ETag`; send it back in `If-Match` to avoid overwriting a concurrent change.',
        'POST honours `Idempotency-Key`: a retry with the same key replays the first response.',
      ].join('\n'),
    )
    .setVersion('1')
    .addBearerAuth({ type: 'http', scheme: 'bearer', description: 'An API token (ybn_…)' }, 'token')
    .addCookieAuth(
      'yubin_session',
      { type: 'apiKey', in: 'cookie', name: 'yubin_session' },
      'session',
    )
    .build();
  const document = SwaggerModule.createDocument(app, config, {
    operationIdFactory: (_controllerKey, methodKey) => methodKey,
    extraModels: [ProblemDto],
  });
  addSecurityAndAuthProblems(app, document);
  addFieldErrorCodes(app, document);
  return document;
}

/**
 * `x-field-error-codes` on each validated property: every `code` a 422's per-field error
 * can carry for it, so that a client maps each to its own words (and its tests can tell
 * when a new one appears).
 */
function addFieldErrorCodes(app: INestApplication, document: OpenAPIObject): void {
  const classes = validatedClasses(requestClasses(app));
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    const target = classes.get(name);
    if (target === undefined || !('properties' in schema) || schema.properties === undefined) {
      continue;
    }
    for (const [property, codes] of Object.entries(fieldErrorCodes(target))) {
      const documented = schema.properties[property];
      if (documented !== undefined) Object.assign(documented, { 'x-field-error-codes': codes });
    }
    for (const [property, limits] of Object.entries(fieldLimits(target))) {
      const documented = schema.properties[property];
      // What a decorator already documents wins: it may state the bound in other words.
      if (documented !== undefined) Object.assign(documented, { ...limits, ...documented });
    }
  }
}

/** Adds a status, or its codes' examples to the codes a route already documents for it. */
function addProblems(
  operation: OperationObject,
  status: number,
  description: string,
  codes: ErrorCode[],
): void {
  const existing = operation.responses[String(status)] as ResponseObject | undefined;
  if (existing === undefined) {
    operation.responses[String(status)] = { description, content: problemContent(status, codes) };
    return;
  }
  const media = existing.content?.['application/problem+json'];
  if (media === undefined) return;
  media.examples = {
    ...Object.fromEntries(codes.map((code) => [code, { value: problemExample(status, code) }])),
    ...media.examples,
  };
}

/** The handlers' parameter classes: bodies that only inherit their validators are among them. */
function requestClasses(app: INestApplication): DtoClass[] {
  const scanner = new MetadataScanner();
  return [...app.get(ModulesContainer).values()]
    .flatMap((module) => [...module.controllers.values()])
    .flatMap((wrapper) => {
      const prototype = (wrapper.metatype as { prototype?: object } | null)?.prototype;
      if (prototype === undefined) return [];
      return scanner
        .getAllMethodNames(prototype)
        .flatMap(
          (name) =>
            (Reflect.getMetadata('design:paramtypes', prototype, name) as DtoClass[] | undefined) ??
            [],
        );
    });
}

function addSecurityAndAuthProblems(app: INestApplication, document: OpenAPIObject): void {
  for (const route of routeTable(app, API_PREFIX)) {
    const openApiPath = route.path.replace(/:([A-Za-z]+)/g, '{$1}');
    const operation = document.paths[openApiPath]?.[route.method.toLowerCase() as 'get'];
    if (operation === undefined || route.access?.kind === 'public') continue;
    operation.security = [{ session: [] }, { token: [] }];
    if (route.method === 'POST') {
      operation.parameters = [...(operation.parameters ?? []), IDEMPOTENCY_KEY];
    }
    addProblems(operation, 401, 'Not authenticated', ['UNAUTHENTICATED']);
    addProblems(
      operation,
      403,
      route.access?.kind === 'permission'
        ? `Missing the \`${route.access.permission}\` permission, or a missing X-XSRF-TOKEN on a cookie session`
        : 'Forbidden',
      ['FORBIDDEN', 'CSRF_TOKEN_INVALID'],
    );
  }
}
