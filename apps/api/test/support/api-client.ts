export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

export interface RequestOptions {
  body?: unknown;
  /** Sent as-is, not JSON-encoded. */
  rawBody?: string;
  headers?: Record<string, string>;
}

type Credentials =
  | { kind: 'none' }
  | { kind: 'session'; cookie: string; xsrf: string }
  | { kind: 'bearer'; token: string };

/**
 * A small HTTP client for the black-box specs: it speaks to the API exactly as a
 * browser (session cookie + X-XSRF-TOKEN) or a script (Bearer token) would.
 */
export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly credentials: Credentials = { kind: 'none' },
  ) {}

  static async login(baseUrl: string, email: string, password: string): Promise<ApiClient> {
    const response = await new ApiClient(baseUrl).post('/api/v1/auth/login', {
      body: { email, password },
    });
    if (response.status !== 200)
      throw new Error(
        `login as ${email} failed: ${response.status} ${JSON.stringify(response.body)}`,
      );
    const cookies = response.headers.getSetCookie();
    const value = (name: string): string => {
      const cookie = cookies.find((c) => c.startsWith(`${name}=`));
      if (cookie === undefined) throw new Error(`no ${name} cookie`);
      return cookie.slice(name.length + 1).split(';')[0] as string;
    };
    const session = value('yubin_session');
    const xsrf = value('XSRF-TOKEN');
    return new ApiClient(baseUrl, {
      kind: 'session',
      cookie: `yubin_session=${session}; XSRF-TOKEN=${xsrf}`,
      xsrf,
    });
  }

  withToken(token: string): ApiClient {
    return new ApiClient(this.baseUrl, { kind: 'bearer', token });
  }

  /** The same session without the CSRF header, as a cross-site form would send it. */
  withoutXsrf(): ApiClient {
    if (this.credentials.kind !== 'session') return this;
    return new ApiClient(this.baseUrl, { ...this.credentials, xsrf: '' });
  }

  async request<T = any>(
    method: string,
    path: string,
    options: RequestOptions = {},
  ): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
    let body: string | undefined;
    if (options.rawBody !== undefined) {
      body = options.rawBody;
      headers['content-type'] ??= 'application/json';
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['content-type'] = 'application/json';
    }
    if (this.credentials.kind === 'session') {
      headers.cookie = this.credentials.cookie;
      if (this.credentials.xsrf !== '') headers['x-xsrf-token'] = this.credentials.xsrf;
    } else if (this.credentials.kind === 'bearer') {
      headers.authorization = `Bearer ${this.credentials.token}`;
    }
    const response = await fetch(this.baseUrl + path, { method, headers, body });
    const text = await response.text();
    let parsed: unknown = text;
    if (text !== '' && /json/.test(response.headers.get('content-type') ?? ''))
      parsed = JSON.parse(text);
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  get<T = any>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path, options);
  }

  post<T = any>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, options);
  }

  patch<T = any>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('PATCH', path, options);
  }

  put<T = any>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('PUT', path, options);
  }

  delete<T = any>(path: string, options?: RequestOptions): Promise<ApiResponse<T>> {
    return this.request<T>('DELETE', path, options);
  }
}
