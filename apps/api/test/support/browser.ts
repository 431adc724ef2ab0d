import { randomInt } from 'node:crypto';
import { ApiClient, type ApiResponse, type RequestOptions } from './api-client.js';
import { cookieValue } from './expectations.js';

export type Credentials = ConstructorParameters<typeof ApiClient>[1];

/**
 * An ApiClient whose requests all come from one client address (and user agent).
 * An app started with TRUST_PROXY=loopback believes the X-Forwarded-For this sends over
 * loopback, so each test can have an address of its own and one test's per-address
 * brute-force counter (or another spec file's, sharing the database) never locks out
 * another.
 */
export class Browser extends ApiClient {
  constructor(
    baseUrl: string,
    readonly ip: string,
    credentials?: Credentials,
    private readonly userAgent?: string,
  ) {
    super(baseUrl, credentials);
  }

  override request<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    return super.request<T>(method, path, {
      ...options,
      headers: {
        'x-forwarded-for': this.ip,
        ...(this.userAgent === undefined ? {} : { 'user-agent': this.userAgent }),
        ...options.headers,
      },
    });
  }
}

export function uniqueIp(): string {
  return `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
}

/** The session a login response set, as a Browser at the client address that signed in. */
export function sessionFrom(baseUrl: string, response: ApiResponse, ip: string): Browser {
  const session = cookieValue(response, 'yubin_session');
  const xsrf = cookieValue(response, 'XSRF-TOKEN');
  if (response.status !== 200 || session === undefined || session === '' || xsrf === undefined)
    throw new Error(`no session: ${response.status} ${JSON.stringify(response.body)}`);
  return new Browser(baseUrl, ip, {
    kind: 'session',
    cookie: `yubin_session=${session}; XSRF-TOKEN=${xsrf}`,
    xsrf,
  });
}

/** A password sign-in (no second step) from a client address of its own. */
export async function signInBrowser(
  baseUrl: string,
  email: string,
  password: string,
  ip: string = uniqueIp(),
): Promise<Browser> {
  const response = await new Browser(baseUrl, ip).post('/api/v1/auth/login', {
    body: { email, password },
  });
  return sessionFrom(baseUrl, response, ip);
}
