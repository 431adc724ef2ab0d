import { ConfigError, loadConfig } from './app-config.js';
import { CONFIG_VARIABLES, renderConfigTable } from './config-schema.js';

describe('loadConfig', () => {
  it('has working defaults for a first start', () => {
    const config = loadConfig({}, '/srv/yubin');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000, trustProxy: { hops: 0 } });
    expect(config.webRoot).toBe('/srv/yubin/dist/web/browser');
    expect(config.dataDir).toBe('/srv/yubin/data');
    expect(config.database.url).toBeUndefined();
    expect(config.argon2).toEqual({ memoryKib: 32768, iterations: 3, parallelism: 1 });
  });

  it('reports every bad value at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        LOG_LEVEL: 'loud',
        TRUST_PROXY: 'maybe',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toHaveLength(4);
    }
  });

  it('sends no mail until OUTBOUND_SMTP_URL is set, from postmaster at MAIL_HOSTNAME unless told', () => {
    expect(loadConfig({}).outboundMail).toEqual({ smtp: undefined, from: 'postmaster@localhost' });
    const config = loadConfig({
      OUTBOUND_SMTP_URL: 'smtp://yubin:s3cret@127.0.0.1:2525',
      MAIL_HOSTNAME: 'mail.example.com',
    });
    expect(config.outboundMail).toEqual({
      smtp: {
        host: '127.0.0.1',
        port: 2525,
        implicitTls: false,
        auth: { user: 'yubin', pass: 's3cret' },
        loopback: true,
      },
      from: 'postmaster@mail.example.com',
    });
    expect(loadConfig({ OUTBOUND_MAIL_FROM: 'Noreply@Example.COM' }).outboundMail.from).toBe(
      'noreply@example.com',
    );
  });

  it('refuses a malformed OUTBOUND_SMTP_URL without repeating its password', () => {
    try {
      loadConfig({
        OUTBOUND_SMTP_URL: 'https://yubin:hunter2-secret@mail.example.com',
        OUTBOUND_MAIL_FROM: 'not an address',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const { problems } = error as ConfigError;
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/^OUTBOUND_SMTP_URL must start with smtp:\/\/ or smtps:\/\//);
      expect(problems.join('\n')).not.toContain('hunter2-secret');
    }
  });

  it('requires a secret key in production, and a 32-byte one when given', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/SECRET_KEY is required/);
    expect(() => loadConfig({ SECRET_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /32 random bytes/,
    );
    expect(
      loadConfig({ NODE_ENV: 'production', SECRET_KEY: Buffer.alloc(32, 1).toString('base64') })
        .production,
    ).toBe(true);
  });

  it('takes a mail server key only long enough and of an alphabet a header carries unquoted', () => {
    expect(loadConfig({}).mailServer.authPolicySecret).toBeUndefined();
    const key = 'a'.repeat(31);
    expect(() => loadConfig({ MAIL_AUTH_POLICY_SECRET: key })).toThrow(/MAIL_AUTH_POLICY_SECRET/);
    expect(() => loadConfig({ MAIL_AUTH_POLICY_SECRET: `${key}a b` })).toThrow(
      /MAIL_AUTH_POLICY_SECRET/,
    );
    expect(loadConfig({ MAIL_AUTH_POLICY_SECRET: `${key}a` }).mailServer.authPolicySecret).toBe(
      `${key}a`,
    );
  });

  it('refuses argon2 memory Dovecot could not verify', () => {
    expect(() => loadConfig({ ARGON2_MEMORY_KIB: '262144' })).toThrow(/ARGON2_MEMORY_KIB/);
  });
});

describe('CONFIG_VARIABLES', () => {
  /** Every variable name loadConfig looks up. */
  function namesRead(env: Record<string, string> = {}): Set<string> {
    const seen = new Set<string>();
    const recording = new Proxy(env, {
      get(target, key) {
        if (typeof key === 'string') seen.add(key);
        return target[key as string];
      },
    });
    loadConfig(recording, '/srv/yubin', true);
    return seen;
  }

  it('declares every variable loadConfig reads, and loadConfig reads every declared one', () => {
    const read = namesRead({ MAIL_DB_PORT: '5433' });
    expect([...read].sort()).toEqual(Object.keys(CONFIG_VARIABLES).sort());
  });

  it('gives the documented defaults', () => {
    const config = loadConfig({}, '/srv/yubin', false);
    expect(config.http.port).toBe(CONFIG_VARIABLES.PORT.default);
    expect(config.defaultMailboxQuotaBytes).toBe(5 * 1024 ** 3);
    expect(config.security.passwordMinLength).toBe(CONFIG_VARIABLES.PASSWORD_MIN_LENGTH.default);
    expect(config.log).toEqual({ format: 'text', colour: false });
  });

  it('enforces the declared ranges', () => {
    expect(() => loadConfig({ DEFAULT_MAILBOX_QUOTA_BYTES: '-1' })).toThrow(
      /DEFAULT_MAILBOX_QUOTA_BYTES must be an integer from 0/,
    );
    expect(loadConfig({ DEFAULT_MAILBOX_QUOTA_BYTES: '0' }).defaultMailboxQuotaBytes).toBe(0);
    expect(() => loadConfig({ LOG_FORMAT: 'xml' })).toThrow(/LOG_FORMAT must be one of text, json/);
  });

  it('colours text logs only on a terminal, and never with NO_COLOR', () => {
    expect(loadConfig({}, '/srv', true).log.colour).toBe(true);
    expect(loadConfig({}, '/srv', false).log.colour).toBe(false);
    expect(loadConfig({ NO_COLOR: '1' }, '/srv', true).log.colour).toBe(false);
    expect(loadConfig({ LOG_FORMAT: 'json' }, '/srv', true).log.format).toBe('json');
  });

  it('renders one README row per variable, with default and range', () => {
    const table = renderConfigTable().split('\n');
    expect(table).toHaveLength(Object.keys(CONFIG_VARIABLES).length + 2);
    expect(table).toContain(
      '| `ARGON2_MEMORY_KIB` | `32768` | 19456–229376 | argon2id memory per hash (Dovecot must verify it). |',
    );
    for (const name of ['MAIL_HOSTNAME', 'TOTP_ISSUER', 'REQUIRE_ADMIN_TWO_FACTOR', 'LOG_FORMAT']) {
      expect(table.some((row) => row.startsWith(`| \`${name}\` |`))).toBe(true);
    }
  });
});
