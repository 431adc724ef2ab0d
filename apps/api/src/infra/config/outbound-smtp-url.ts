import { isIP } from 'node:net';

/** Where Yubin hands over the mail it sends itself (OUTBOUND_SMTP_URL). */
export interface OutboundSmtp {
  readonly host: string;
  readonly port: number;
  /** TLS from the start (`smtps://`); otherwise STARTTLS when the server offers it. */
  readonly implicitTls: boolean;
  /** SMTP AUTH; with it, `smtp://` refuses to go on without STARTTLS. */
  readonly auth: { readonly user: string; readonly pass: string } | undefined;
  /** On a loopback address the server's certificate (never for 127.0.0.1) is not verified. */
  readonly loopback: boolean;
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '::1']);

function isLoopback(host: string): boolean {
  return LOOPBACK_NAMES.has(host) || (isIP(host) === 4 && host.startsWith('127.'));
}

/**
 * Parses OUTBOUND_SMTP_URL. A problem never quotes the value: it may hold a password.
 */
export function parseOutboundSmtpUrl(raw: string): { value: OutboundSmtp } | { problem: string } {
  const problem = (why: string) => ({
    problem: `OUTBOUND_SMTP_URL ${why} (smtp://[user:password@]host[:port] or smtps://…)`,
  });
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return problem('is not a URL');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') {
    return problem(`must start with smtp:// or smtps://, not ${url.protocol.slice(0, 10)}//`);
  }
  if (url.hostname === '') return problem('has no host');
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    return problem('must be nothing but a host, a port and optionally a user and password');
  }
  if (url.username === '' && url.password !== '') return problem('has a password but no user');
  let user: string;
  let pass: string;
  try {
    user = decodeURIComponent(url.username);
    pass = decodeURIComponent(url.password);
  } catch {
    return problem('has a user or password that is not valid percent-encoding');
  }
  const implicitTls = url.protocol === 'smtps:';
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return {
    value: {
      host,
      port: url.port === '' ? (implicitTls ? 465 : 25) : Number(url.port),
      implicitTls,
      auth: user === '' ? undefined : { user, pass },
      loopback: isLoopback(host),
    },
  };
}
