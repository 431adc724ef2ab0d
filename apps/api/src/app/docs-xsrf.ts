/** The part of a Swagger UI request the interceptor touches. */
export interface DocsRequest {
  method: string;
  headers: Record<string, string>;
}

/**
 * Swagger UI's `requestInterceptor`: echoes the XSRF-TOKEN cookie in X-XSRF-TOKEN on
 * writes, as the web UI does, so "Try it out" works with the browser's session. Nest
 * writes it into `swagger-ui-init.js`, a script file (no inline script for the CSP), by
 * its source text: it must use nothing from outside its own body.
 */
export function sendXsrfHeader(request: DocsRequest): DocsRequest {
  const page = globalThis as unknown as { document?: { cookie: string } };
  const match = /(?:^|;\s*)XSRF-TOKEN=([^;]*)/.exec(page.document?.cookie ?? '');
  if (match !== null && !/^(GET|HEAD|OPTIONS)$/i.test(request.method)) {
    request.headers['X-XSRF-TOKEN'] = decodeURIComponent(match[1] ?? '');
  }
  return request;
}
