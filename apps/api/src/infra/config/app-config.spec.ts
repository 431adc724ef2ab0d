import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('has working defaults for a first start', () => {
    const config = loadConfig({}, '/srv/yubin');
    expect(config.http).toEqual({ host: '127.0.0.1', port: 3000, trustProxy: false });
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

  it('refuses argon2 memory Dovecot could not verify', () => {
    expect(() => loadConfig({ ARGON2_MEMORY_KIB: '262144' })).toThrow(/ARGON2_MEMORY_KIB/);
  });
});
