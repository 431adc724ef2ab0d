import { createHash } from 'node:crypto';
import {
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants.js';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { catchError, from, mergeMap, type Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../../common/auth/access.decorators.js';
import {
  BadRequestError,
  ConflictError,
  UnprocessableError,
} from '../../common/errors/app-error.js';
import { SecretBox } from '../../infra/crypto/secret-box.js';
import { IdempotencyRepository } from './idempotency.repository.js';

const KEY_PATTERN = /^[\x21-\x7e]{1,255}$/;
const TTL_MS = 24 * 60 * 60 * 1000;
/** A claim older than this belongs to a request that died; the key may be reused. */
const STALE_CLAIM_MS = 60 * 1000;
const REPLAYED_HEADERS = ['location', 'etag'] as const;

interface StoredResponse {
  body: unknown;
  headers: Partial<Record<(typeof REPLAYED_HEADERS)[number], string>>;
}

/**
 * POST with an Idempotency-Key: the first response is stored (sealed, because it
 * may hold a secret shown once) and replayed to every retry with the same key and
 * request; the same key with another request is refused. Failed requests store
 * nothing, so they can be retried.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly records: IdempotencyRepository,
    private readonly box: SecretBox,
    private readonly reflector: Reflector,
  ) {}

  async intercept(execution: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
    const http = execution.switchToHttp();
    const request = http.getRequest<Request & AuthenticatedRequest>();
    const response = http.getResponse<Response>();
    const key = request.header('idempotency-key');
    const principal = request.yubinContext?.principal;
    if (request.method !== 'POST' || key === undefined || principal === undefined)
      return next.handle();
    if (!KEY_PATTERN.test(key)) {
      throw new BadRequestError(
        'MALFORMED_REQUEST',
        'Idempotency-Key must be 1 to 255 visible ASCII characters.',
      );
    }

    const principalKey =
      principal.tokenId === undefined
        ? `${principal.subject.kind}:${principal.subject.id}`
        : `token:${principal.tokenId}`;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.originalUrl}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const now = Date.now();
    let id = await this.records.claim(principalKey, key, requestHash, new Date(now + TTL_MS));
    if (id === undefined) {
      const existing = await this.records.find(principalKey, key);
      if (existing === null) {
        id = await this.records.claim(principalKey, key, requestHash, new Date(now + TTL_MS));
      } else if (existing.requestHash !== requestHash) {
        throw new UnprocessableError(
          'IDEMPOTENCY_KEY_REUSED',
          'This Idempotency-Key was used for a different request. Use a new key.',
        );
      } else if (existing.statusCode !== null && existing.sealedResponse !== null) {
        return from([
          this.replay(response, existing.id, existing.statusCode, existing.sealedResponse),
        ]);
      } else if (now - existing.createdAt.getTime() < STALE_CLAIM_MS) {
        throw new ConflictError(
          'IDEMPOTENCY_REQUEST_IN_PROGRESS',
          'A request with this Idempotency-Key is still being processed. Retry shortly.',
        );
      } else {
        await this.records.release(existing.id);
        id = await this.records.claim(principalKey, key, requestHash, new Date(now + TTL_MS));
      }
      if (id === undefined) {
        throw new ConflictError(
          'IDEMPOTENCY_REQUEST_IN_PROGRESS',
          'A request with this Idempotency-Key is in progress.',
        );
      }
    }

    const claimId = id;
    const statusCode =
      this.reflector.get<number | undefined>(HTTP_CODE_METADATA, execution.getHandler()) ?? 201;
    return next.handle().pipe(
      mergeMap(async (body: unknown) => {
        const stored: StoredResponse = { body, headers: {} };
        for (const name of REPLAYED_HEADERS) {
          const value = response.getHeader(name);
          if (typeof value === 'string') stored.headers[name] = value;
        }
        await this.records.complete(
          claimId,
          statusCode,
          this.box.seal(JSON.stringify(stored), `idempotency:${claimId}`),
        );
        return body;
      }),
      catchError(async (error: unknown) => {
        await this.records.release(claimId);
        throw error;
      }),
    );
  }

  private replay(response: Response, id: string, statusCode: number, sealed: string): unknown {
    const stored = JSON.parse(this.box.open(sealed, `idempotency:${id}`)) as StoredResponse;
    response.status(statusCode);
    response.setHeader('Idempotent-Replayed', 'true');
    for (const [name, value] of Object.entries(stored.headers)) response.setHeader(name, value);
    return stored.body;
  }
}
