import type { INestApplication } from '@nestjs/common';
import { SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import { sendXsrfHeader } from './docs-xsrf.js';

/**
 * Swagger UI's Content-Security-Policy. Its scripts are files from this origin (the
 * options, with the XSRF interceptor, are in `swagger-ui-init.js`, not inline); its page
 * has inline `<style>` blocks and style attributes, hence 'unsafe-inline' for styles only;
 * its icons are data: URLs. It calls only this origin, and nothing may frame it.
 */
export const DOCS_CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

function docsContentSecurityPolicy(
  _request: Request,
  response: Response,
  next: NextFunction,
): void {
  response.setHeader('Content-Security-Policy', DOCS_CONTENT_SECURITY_POLICY);
  next();
}

/** The interactive API docs at /api/docs, and the document at /api/docs-json and -yaml. */
export function serveApiDocs(app: INestApplication, document: () => OpenAPIObject): void {
  app.use('/api/docs', docsContentSecurityPolicy);
  SwaggerModule.setup('api/docs', app, document, {
    jsonDocumentUrl: 'api/docs-json',
    yamlDocumentUrl: 'api/docs-yaml',
    swaggerOptions: {
      requestInterceptor: sendXsrfHeader,
      // No badge from validator.swagger.io: it would send the docs' address to a third party.
      validatorUrl: null,
    },
  });
}
