import { HOSTED_LOCAL_PART_SPECIALS } from '../../common/validators/local-part.js';
import { loadConfig } from '../../infra/config/app-config.js';
import {
  dovecotQueries,
  parseEndpoint,
  POSTFIX_LOOKUPS,
  renderDaemonConfig,
  type DaemonConfigSettings,
} from './daemon-config.render.js';
import { DaemonConfigError, daemonConfigSettings } from './daemon-config.settings.js';
import {
  JUNK_ACTION,
  JUNK_HEADER,
  parseHostPort,
  type FilterSettings,
} from './daemon-config.rspamd.js';

const READER_PASSWORD = 'reader-0123456789abcdef';
const WRITER_PASSWORD = 'writer-0123456789abcdef';
const POLICY_KEY = 'policy-key-0123456789abcdef0123456789';
const POLICY_URL = 'http://127.0.0.1:3000/api/v1/internal/dovecot/auth-policy';
const RSPAMD_PASSWORD = 'rspamd-0123456789abcdef';
const FILTER: FilterSettings = {
  milter: { host: '127.0.0.1', port: 11332 },
  worker: { host: '127.0.0.1', port: 11333 },
  controller: { host: '127.0.0.1', port: 11334, password: RSPAMD_PASSWORD },
  redis: { host: '127.0.0.1', port: 6379 },
  dns: [{ host: '127.0.0.1', port: 53 }],
  clamav: { kind: 'unix', path: '/run/clamav/clamd.ctl' },
};

function settings(overrides: Partial<DaemonConfigSettings> = {}): DaemonConfigSettings {
  return {
    database: { host: 'db.internal', port: 5432, name: 'yubin' },
    reader: { role: 'yubin_mail_reader', password: READER_PASSWORD },
    quotaWriter: { role: 'yubin_mail_quota', password: WRITER_PASSWORD },
    storage: { dir: '/var/vmail', user: 'vmail', uid: 112, gid: 120 },
    installDir: { postfix: '/etc/yubin/postfix', dovecot: '/etc/yubin/dovecot' },
    postfixQueueDir: '/var/spool/postfix',
    lmtp: { kind: 'unix', path: '/var/spool/postfix/private/dovecot-lmtp' },
    sasl: { kind: 'unix', path: '/var/spool/postfix/private/auth' },
    submissionListen: 'submission',
    verifyInAuthWorkers: true,
    authPolicy: { url: POLICY_URL, secret: POLICY_KEY },
    filter: FILTER,
    ...overrides,
  };
}

function file(path: string, rendered = renderDaemonConfig(settings())): string {
  const found = rendered.find((f) => f.path === path);
  if (found === undefined) throw new Error(`no ${path}`);
  return found.content;
}

/** Every `%` sequence in a query: only the daemons' escaped lookup variables may appear. */
function percentSequences(query: string): string[] {
  return [...query.matchAll(/%(\{[^}]*\}|.)/g)].map((match) => match[0]);
}

describe(renderDaemonConfig.name, () => {
  it('gives every Postfix lookup its own file with the reader role and its query', () => {
    for (const [name, query] of Object.entries(POSTFIX_LOOKUPS)) {
      const content = file(`postfix/pgsql/${name}.cf`);
      expect(content).toContain('hosts = inet:db.internal:5432');
      expect(content).toContain('dbname = yubin');
      expect(content).toContain('user = yubin_mail_reader');
      expect(content).toContain(`password = ${READER_PASSWORD}`);
      expect(content).toContain(`query = ${query}`);
    }
  });

  it('lets queries take only the daemons’ own escaped variables, and read only mailserver lookup tables', () => {
    for (const query of Object.values(POSTFIX_LOOKUPS)) {
      expect(percentSequences(query).every((s) => ['%s', '%u', '%d'].includes(s))).toBe(true);
      expect(query).toMatch(/ FROM mailserver\.\w+ WHERE /);
    }
    const dovecot = dovecotQueries('/var/vmail');
    for (const query of Object.values(dovecot)) {
      expect(
        percentSequences(query).every((s) => ['%u', '%s', '%{sha256:password}'].includes(s)),
      ).toBe(true);
      expect(query).toMatch(/ FROM mailserver\.(passdb_map|userdb_map)( |$)/);
    }
    // The passdb filters by service, so the protocol switches apply (Dovecot 2.3: %s).
    expect(dovecot.password_query).toContain("'%s' = ANY (services)");
    expect(dovecot.password_query).not.toContain('%{protocol}');
    // App passwords are found by a digest Dovecot computes; the password never reaches SQL.
    // One row at most (Dovecot fails a login on several): the app password before the own.
    expect(dovecot.password_query).toContain("lookup_key IN ('%{sha256:password}', '')");
    expect(dovecot.password_query).toMatch(/ ORDER BY lookup_key DESC LIMIT 1$/);
  });

  it('points main.cf at every lookup file, through proxymap, and at Dovecot for LMTP and SASL', () => {
    const main = file('postfix/main.cf.yubin');
    for (const name of Object.keys(POSTFIX_LOOKUPS)) {
      expect(main).toContain(`proxy:pgsql:/etc/yubin/postfix/pgsql/${name}.cf`);
    }
    expect(main).toContain('virtual_transport = lmtp:unix:private/dovecot-lmtp');
    expect(main).toContain('smtpd_sasl_path = private/auth');
    // The exact-address table comes before the alias-domain catch-all.
    expect(main.indexOf('virtual-alias-maps.cf')).toBeLessThan(
      main.indexOf('alias-domain-catchall-maps.cf'),
    );
  });

  it('refuses global blocks on port 25 only after every allow that could override them (ADR 0013)', () => {
    const main = file('postfix/main.cf.yubin');
    const list = /^smtpd_sender_restrictions =\n((?: {2}.+\n)+)/m.exec(main)?.[1] ?? '';
    expect(list.split(',').map((step) => step.trim())).toEqual([
      'check_sender_access proxy:pgsql:/etc/yubin/postfix/pgsql/sender-access-overrides.cf',
      'check_client_access proxy:pgsql:/etc/yubin/postfix/pgsql/client-access-overrides.cf',
      'check_sender_access proxy:pgsql:/etc/yubin/postfix/pgsql/sender-access-blocks.cf',
      'check_client_access proxy:pgsql:/etc/yubin/postfix/pgsql/client-access-blocks.cf',
    ]);
    // Submission keeps its own sender checks.
    expect(file('postfix/master.cf.yubin')).toContain(
      '-o smtpd_sender_restrictions=$yubin_submission_sender_restrictions',
    );
    // A client key may be a host name or `unknown`: never cast to inet in the query.
    for (const name of ['client-access-overrides', 'client-access-blocks'] as const) {
      expect(POSTFIX_LOOKUPS[name]).toContain("mailserver.client_address('%s')");
      expect(POSTFIX_LOOKUPS[name]).not.toContain('::inet');
    }
    expect(POSTFIX_LOOKUPS['sender-access-blocks']).toContain(
      "'REJECT Refused by the global sender policy of Yubin'",
    );
  });

  it('renders Rspamd’s map files where Dovecot reaches Yubin, with the same key, readable by a group only', () => {
    const rendered = renderDaemonConfig(settings());
    // local.d and override.d hold the filter's own settings (tested below).
    const rspamd = rendered.filter(
      (f) => f.path.startsWith('rspamd/') && !/^rspamd\/(local|override)\.d\//.test(f.path),
    );
    expect(rspamd.map((f) => [f.path, f.mode])).toEqual([
      ['rspamd/rspamd.conf.override', 0o640],
      ['rspamd/rspamd.conf.local', 0o640],
      ['rspamd/yubin/sender_rules.lua', 0o640],
    ]);
    expect(file('rspamd/rspamd.conf.override', rendered)).toContain(
      `settings = "http://rspamd:${POLICY_KEY}@127.0.0.1:3000/api/v1/internal/rspamd/settings";`,
    );
  });

  it('keeps sockets outside the queue directory absolute, and renders TCP endpoints', () => {
    const rendered = renderDaemonConfig(
      settings({
        lmtp: { kind: 'inet', host: '127.0.0.1', port: 2424 },
        sasl: { kind: 'unix', path: '/run/dovecot/auth-postfix' },
      }),
    );
    const main = file('postfix/main.cf.yubin', rendered);
    expect(main).toContain('virtual_transport = lmtp:inet:127.0.0.1:2424');
    expect(main).toContain('smtpd_sasl_path = /run/dovecot/auth-postfix');
    const dovecot = file('dovecot/yubin.conf', rendered);
    expect(dovecot).toMatch(/inet_listener lmtp \{\s+address = 127\.0\.0\.1\s+port = 2424/);
    expect(dovecot).toContain('unix_listener /run/dovecot/auth-postfix {');
  });

  it('refuses submission without TLS and sender checks', () => {
    const master = file('postfix/master.cf.yubin');
    expect(master).toMatch(/^submission inet n/m);
    expect(master).toContain('-o smtpd_tls_security_level=encrypt');
    expect(master).toContain('-o smtpd_sender_restrictions=$yubin_submission_sender_restrictions');
    const main = file('postfix/main.cf.yubin');
    expect(main).toMatch(
      /^yubin_submission_sender_restrictions =\s+reject_sender_login_mismatch,\s+check_sender_access inline:\{ \{ <> = 553 /m,
    );
  });

  it('carries what Postfix needs without a main.cf: compatibility level, relay restrictions, no aliases', () => {
    const main = file('postfix/main.cf.yubin');
    expect(main).toMatch(/^compatibility_level = 3\.6$/m);
    expect(main).toMatch(
      /^smtpd_relay_restrictions = permit_mynetworks, permit_sasl_authenticated, reject_unauth_destination$/m,
    );
    expect(main).toMatch(/^alias_maps =$/m);
    expect(main).toMatch(/^alias_database =$/m);
  });

  it('delivers every local part of the alphabet and routes no % or ! (ADR 0010)', () => {
    const main = file('postfix/main.cf.yubin');
    expect(main).toMatch(/^allow_percent_hack = no$/m);
    expect(main).toMatch(/^swap_bangpath = no$/m);
    // Sub-addresses reach the user; Dovecot gets the resolved address, without the tag.
    expect(main).toMatch(/^recipient_delimiter = \+$/m);
    expect(main).toMatch(/^propagate_unmatched_extensions = canonical$/m);
    const conf = file('dovecot/yubin.conf');
    expect(conf).toMatch(/^recipient_delimiter =$/m);
    const chars = /^auth_username_chars = (.+)$/m.exec(conf)?.[1] ?? '';
    for (const character of `${HOSTED_LOCAL_PART_SPECIALS}@azAZ09`) {
      expect(chars).toContain(character);
    }
    expect(chars).not.toMatch(/[%!\s"\\]/);
  });

  it('gives Postfix the certificate when one is given, and leaves TLS alone otherwise', () => {
    const tls = { cert: '/etc/yubin/tls/mail.crt', key: '/etc/yubin/tls/mail.key' };
    const rendered = renderDaemonConfig(settings({ tls }));
    const main = file('postfix/main.cf.yubin', rendered);
    expect(main).toContain('smtpd_tls_cert_file = /etc/yubin/tls/mail.crt');
    expect(main).toContain('smtpd_tls_key_file = /etc/yubin/tls/mail.key');
    expect(file('postfix/main.cf.yubin')).not.toContain('smtpd_tls');
    // Dovecot's certificate is Debian's 10-ssl.conf's business (it reads the file at once).
    expect(file('dovecot/yubin.conf', rendered)).not.toContain('ssl_');
  });

  it('configures Dovecot: SQL passdb and userdb, no auth cache, quota written back', () => {
    const conf = file('dovecot/yubin.conf');
    expect(conf).toContain('args = /etc/yubin/dovecot/yubin-sql.conf.ext');
    // One passdb: a login is one query, for app passwords and the mailbox's own alike.
    expect(conf.match(/^passdb \{/gm)).toHaveLength(1);
    expect(conf).not.toContain('yubin-app-passwords');
    expect(conf).toContain('auth_cache_size = 0');
    expect(conf).toContain('auth_cache_verify_password_with_worker = yes');
    expect(conf).toContain('mail_uid = vmail');
    // Only the storage user's ids may access mail, whatever Debian's 500 default says.
    expect(conf).toMatch(/^first_valid_uid = 112\nlast_valid_uid = 112$/m);
    expect(conf).toMatch(/^first_valid_gid = 120\nlast_valid_gid = 120$/m);
    expect(conf).toContain('quota_clone_dict = proxy::yubin-quota');
    expect(conf).toContain('yubin-quota = pgsql:/etc/yubin/dovecot/yubin-dict-sql.conf.ext');
    const sql = file('dovecot/yubin-sql.conf.ext');
    expect(sql).toContain(
      `connect = host=db.internal port=5432 dbname=yubin user=yubin_mail_reader password=${READER_PASSWORD}`,
    );
    expect(sql).toContain("'/var/vmail/' || maildir AS home");
    const dict = file('dovecot/yubin-dict-sql.conf.ext');
    expect(dict).toContain(`user=yubin_mail_quota password=${WRITER_PASSWORD}`);
    expect(dict).toContain('table = mailserver.quota_usage');
  });

  it('makes Yubin decide each login, with the key, and turns off Dovecot’s per-address penalty', () => {
    const conf = file('dovecot/yubin.conf');
    expect(conf).toContain('!include /etc/yubin/dovecot/yubin-auth-policy.conf.ext');
    expect(conf).toMatch(
      /^service anvil \{\n {2}unix_listener anvil-auth-penalty \{\n {4}mode = 0\n {2}\}\n\}$/m,
    );
    const policy = file('dovecot/yubin-auth-policy.conf.ext');
    const setting = (name: string) => new RegExp(`^${name} = (.*)$`, 'm').exec(policy)?.[1];
    expect(setting('auth_policy_server_url')).toBe(POLICY_URL);
    expect(setting('auth_policy_server_api_header')).toBe(`X-Yubin-Mail-Server-Key: ${POLICY_KEY}`);
    // The login, the address and the protocol; never a password hash.
    expect(setting('auth_policy_request_attributes')).toBe(
      'login=%{requested_username} remote=%{rip} protocol=%s',
    );
    expect(setting('auth_policy_hash_nonce')).toMatch(/^[0-9a-f]{64}$/);
    expect(setting('auth_policy_hash_nonce')).not.toContain(POLICY_KEY);
    expect(setting('auth_policy_check_before_auth')).toBe('yes');
    expect(setting('auth_policy_check_after_auth')).toBe('no');
    expect(setting('auth_policy_report_after_auth')).toBe('yes');
    expect(setting('auth_policy_reject_on_fail')).toBe('yes');
    // The same settings render the same file.
    expect(file('dovecot/yubin-auth-policy.conf.ext')).toBe(policy);
  });

  it('warns at 95 % and 80 % through a root quota-warning service only the storage user reaches', () => {
    const conf = file('dovecot/yubin.conf');
    // Highest first: Dovecot runs the first threshold a save crosses.
    expect(conf).toContain(
      'quota_warning = storage=95%% quota-warning 95 %u\n  quota_warning2 = storage=80%% quota-warning 80 %u',
    );
    expect(conf).toMatch(
      /service quota-warning \{\n {2}executable = script \/etc\/yubin\/dovecot\/yubin-quota-warning\n {2}user = root\n {2}unix_listener quota-warning \{\n {4}user = vmail\n {4}mode = 0600\n/,
    );
    const program = renderDaemonConfig(settings()).find(
      (f) => f.path === 'dovecot/yubin-quota-warning',
    );
    expect(program?.mode).toBe(0o700);
    const script = program!.content;
    expect(script.startsWith('#!/bin/sh\n')).toBe(true);
    expect(script).toContain(`--header 'X-Yubin-Mail-Server-Key: ${POLICY_KEY}'`);
    expect(script).toContain("'http://127.0.0.1:3000/api/v1/internal/dovecot/quota-warning'");
    expect(script).toContain(
      'exec /usr/lib/dovecot/dovecot-lda -c /etc/dovecot/dovecot.conf -d "$user" -o "plugin/quota=count:Mailbox:noenforcing"',
    );
    // Elsewhere, where the operator says dovecot.conf is.
    expect(
      file(
        'dovecot/yubin-quota-warning',
        renderDaemonConfig(settings({ dovecotConfigFile: '/srv/dovecot/dovecot.conf' })),
      ),
    ).toContain('dovecot-lda -c /srv/dovecot/dovecot.conf -d');
  });

  it('puts passwords only in files that are not world-readable', () => {
    for (const rendered of renderDaemonConfig(settings())) {
      const hasSecret =
        rendered.content.includes(READER_PASSWORD) ||
        rendered.content.includes(WRITER_PASSWORD) ||
        rendered.content.includes(POLICY_KEY);
      expect([rendered.path, hasSecret ? rendered.mode & 0o007 : 0]).toEqual([rendered.path, 0]);
    }
  });

  it.each([
    [
      'a password with a quote',
      { reader: { role: 'yubin_mail_reader', password: "x'; DROP--aaaaaaaaaa" } },
    ],
    [
      'a storage path with a quote',
      { storage: { dir: "/var/vmail'", user: 'vmail', uid: 112, gid: 120 } },
    ],
    [
      'a storage path going up',
      { storage: { dir: '/var/../etc', user: 'vmail', uid: 112, gid: 120 } },
    ],
    ['a relative storage path', { storage: { dir: 'vmail', user: 'vmail', uid: 112, gid: 120 } }],
    ['root as the storage user', { storage: { dir: '/var/vmail', user: 'root', uid: 0, gid: 0 } }],
    ['a TLS key path with a space', { tls: { cert: '/etc/x.crt', key: '/etc/my key.pem' } }],
    ['a database name with spaces', { database: { host: 'db', port: 5432, name: 'my db' } }],
    ['an LMTP port out of range', { lmtp: { kind: 'inet', host: '127.0.0.1', port: 70000 } }],
    [
      'an auth policy URL with a space',
      { authPolicy: { url: `${POLICY_URL} #`, secret: POLICY_KEY } },
    ],
    [
      'an auth policy URL to another path',
      { authPolicy: { url: 'http://127.0.0.1:3000/', secret: POLICY_KEY } },
    ],
    ['a short auth policy key', { authPolicy: { url: POLICY_URL, secret: 'short' } }],
    [
      'an Rspamd password with a quote',
      {
        filter: {
          ...FILTER,
          controller: { ...FILTER.controller, password: 'a"b-0123456789abcdef' },
        },
      },
    ],
    ['no DNS resolver for Rspamd', { filter: { ...FILTER, dns: [] } }],
    [
      'a ClamAV socket path with a space',
      { filter: { ...FILTER, clamav: { kind: 'unix', path: '/run/clam d.ctl' } } },
    ],
  ] as const)('refuses to render %s', (_, overrides) => {
    expect(() => renderDaemonConfig(settings(overrides as Partial<DaemonConfigSettings>))).toThrow(
      /Cannot render/,
    );
  });
});

describe('spam and virus filtering', () => {
  it('sends every message through Rspamd’s milter, and holds mail when Rspamd does not answer', () => {
    const main = file('postfix/main.cf.yubin');
    expect(main).toContain('smtpd_milters = inet:127.0.0.1:11332');
    expect(main).toContain('non_smtpd_milters = $smtpd_milters');
    expect(main).toContain('milter_default_action = tempfail');
  });

  it('points Rspamd at the configured DNS, Redis, ClamAV and listeners only', () => {
    const rendered = renderDaemonConfig(
      settings({
        filter: {
          ...FILTER,
          dns: [
            { host: '127.0.0.1', port: 5300 },
            { host: '::1', port: 53 },
          ],
        },
      }),
    );
    expect(file('rspamd/local.d/options.inc', rendered)).toContain(
      'nameserver = ["127.0.0.1:5300", "[::1]:53"];',
    );
    expect(file('rspamd/local.d/redis.conf')).toContain('servers = "127.0.0.1:6379";');
    expect(file('rspamd/local.d/antivirus.conf')).toContain('servers = "/run/clamav/clamd.ctl";');
    expect(file('rspamd/local.d/worker-proxy.inc')).toContain('hosts = "127.0.0.1:11333";');
    expect(file('rspamd/local.d/worker-proxy.inc')).toMatch(
      /bind_socket = "127.0.0.1:11332";\nmilter = yes;/,
    );
    expect(file('rspamd/override.d/worker-controller.inc')).toContain('secure_ip = [];');
  });

  it('keeps the controller password in files only Rspamd and the mail storage user can read', () => {
    const rendered = renderDaemonConfig(settings());
    const holders = rendered.filter((f) => f.content.includes(RSPAMD_PASSWORD));
    expect(holders.map((f) => [f.path, f.mode]).sort()).toEqual([
      ['dovecot/sieve/bin/yubin-learn-ham', 0o750],
      ['dovecot/sieve/bin/yubin-learn-spam', 0o750],
      ['rspamd/local.d/worker-controller.inc', 0o640],
    ]);
  });

  it('writes the controller password into Rspamd’s file only as its hash when one is given', () => {
    const given = structuredClone(settings());
    const hash =
      '$2$ybndrfg8ejkmcpqxot1uwisza345h769$ybndrfg8ejkmcpqxot1uwisza345h769ybndrfg8ejkmcpqx';
    given.filter.controller.passwordHash = hash;
    const rendered = renderDaemonConfig(given);
    const controller = rendered.find((f) => f.path === 'rspamd/local.d/worker-controller.inc');
    expect(controller?.content).not.toContain(RSPAMD_PASSWORD);
    expect(controller?.content).toContain(`password = "${hash}";\nenable_password = "${hash}";`);
    given.filter.controller.passwordHash = 'secret-in-clear';
    expect(() => renderDaemonConfig(given)).toThrow(/password hash/);
  });

  it('marks junk with Yubin’s action and header, and Sieve files exactly that into the user’s junk folder', () => {
    expect(file('rspamd/local.d/actions.conf')).toMatch(
      new RegExp(`add_header = 5;\\n${JUNK_ACTION} = \\{ score = 6; \\}\\nreject = 15;`),
    );
    const headers = file('rspamd/local.d/milter_headers.conf');
    expect(headers).toContain(`{ ['${JUNK_HEADER}'] = 0 }`);
    expect(headers).toContain(`add['${JUNK_HEADER}'] = '${JUNK_ACTION}'`);
    const junk = file('dovecot/sieve/junk.sieve');
    expect(junk).toContain(`if header :is "${JUNK_HEADER}" "${JUNK_ACTION}" {`);
    // The folder comes from the user query at run time, into a variable; Junk otherwise.
    expect(junk).toContain('set "junk_folder" "Junk";');
    expect(junk).toContain('if environment :matches "vnd.dovecot.config.junk_folder" "?*" {');
    expect(junk).toContain('fileinto :create "${junk_folder}";\n  stop;');
    expect(file('dovecot/yubin.conf')).toMatch(
      /^ {2}sieve_global_extensions = .*\+vnd\.dovecot\.environment/m,
    );
    const userQuery = dovecotQueries('/var/vmail').user_query;
    for (const field of [
      'sieve_env_junk_folder',
      'imapsieve_mailbox1_name',
      'imapsieve_mailbox2_from',
    ])
      expect(userQuery).toContain(`j.folder AS ${field}`);
    expect(userQuery).toContain('mailserver.junk_folder(username, domain_id)');
    const dovecot = file('dovecot/yubin.conf');
    expect(dovecot).toContain('sieve_before = /etc/yubin/dovecot/sieve/junk.sieve');
    expect(dovecot).toContain(
      'imapsieve_mailbox1_before = file:/etc/yubin/dovecot/sieve/learn-spam.sieve',
    );
    expect(dovecot).toContain('imapsieve_mailbox2_from = Junk');
    expect(file('dovecot/sieve/bin/yubin-learn-spam')).toContain(
      `--connect 127.0.0.1:11334 --password ${RSPAMD_PASSWORD} learn_spam`,
    );
  });

  it('rejects a virus unless the recipient’s policy inserts the junk symbol', () => {
    const rules = file('rspamd/local.d/force_actions.conf');
    expect(rules).toContain(
      'expression = "CLAM_VIRUS & !YUBIN_VIRUS_JUNK";\n    action = "reject";',
    );
    expect(rules).toContain(
      `expression = "CLAM_VIRUS & YUBIN_VIRUS_JUNK";\n    action = "${JUNK_ACTION}";`,
    );
  });
});

describe(parseHostPort.name, () => {
  it('reads host:port and [v6]:port', () => {
    expect(parseHostPort('127.0.0.1:53')).toEqual({ host: '127.0.0.1', port: 53 });
    expect(parseHostPort('[::1]:6379')).toEqual({ host: '::1', port: 6379 });
    expect(() => parseHostPort('127.0.0.1')).toThrow();
  });
});

describe(parseEndpoint.name, () => {
  it('reads unix: paths, bare paths and inet:host:port', () => {
    expect(parseEndpoint('unix:/run/x')).toEqual({ kind: 'unix', path: '/run/x' });
    expect(parseEndpoint('/run/x')).toEqual({ kind: 'unix', path: '/run/x' });
    expect(parseEndpoint('inet:127.0.0.1:24')).toEqual({
      kind: 'inet',
      host: '127.0.0.1',
      port: 24,
    });
    expect(() => parseEndpoint('127.0.0.1:24')).toThrow();
  });
});

describe(daemonConfigSettings.name, () => {
  const env = {
    MAIL_READER_PASSWORD: READER_PASSWORD,
    MAIL_QUOTA_WRITER_PASSWORD: WRITER_PASSWORD,
    MAIL_AUTH_POLICY_SECRET: POLICY_KEY,
    MAIL_RSPAMD_PASSWORD: RSPAMD_PASSWORD,
  };
  const ids = { storageUid: 112, storageGid: 120 };

  it('takes the database from DATABASE_URL and the rest from MAIL_* settings', () => {
    const config = loadConfig({
      ...env,
      DATABASE_URL: 'postgres://yubin:secret@pg.internal:6432/mail_panel',
      MAIL_STORAGE_DIR: '/srv/mail',
      MAIL_STORAGE_USER: 'mailstore',
    });
    const result = daemonConfigSettings(config, { out: '/tmp/out', ...ids });
    expect(result.database).toEqual({ host: 'pg.internal', port: 6432, name: 'mail_panel' });
    expect(result.storage).toEqual({ dir: '/srv/mail', user: 'mailstore', uid: 112, gid: 120 });
    expect(result.installDir).toEqual({ postfix: '/tmp/out/postfix', dovecot: '/tmp/out/dovecot' });
    expect(result.lmtp).toEqual({ kind: 'unix', path: '/var/spool/postfix/private/dovecot-lmtp' });
  });

  it('uses the embedded database’s address when DATABASE_URL is unset, and MAIL_DB_HOST over it', () => {
    const embedded = daemonConfigSettings(loadConfig({ ...env, EMBEDDED_DB_PORT: '54000' }), {
      out: '/tmp/out',
      ...ids,
    });
    expect(embedded.database).toEqual({ host: '127.0.0.1', port: 54000, name: 'yubin' });
    const remote = daemonConfigSettings(
      loadConfig({ ...env, MAIL_DB_HOST: '10.0.0.5', MAIL_DB_PORT: '5433' }),
      { out: '/tmp/out', installDir: '/etc/yubin', ...ids },
    );
    expect(remote.database).toMatchObject({ host: '10.0.0.5', port: 5433 });
    expect(remote.installDir.dovecot).toBe('/etc/yubin/dovecot');
  });

  it('asks for the role passwords and the mail server key when they are not configured', () => {
    expect(() => daemonConfigSettings(loadConfig({}), { out: '/tmp/out', ...ids })).toThrow(
      DaemonConfigError,
    );
    expect(() =>
      daemonConfigSettings(loadConfig({ ...env, MAIL_AUTH_POLICY_SECRET: undefined }), {
        out: '/tmp/out',
        ...ids,
      }),
    ).toThrow(/MAIL_AUTH_POLICY_SECRET/);
    expect(() =>
      daemonConfigSettings(loadConfig({ ...env, MAIL_RSPAMD_PASSWORD: undefined }), {
        out: '/tmp/out',
        ...ids,
      }),
    ).toThrow(/MAIL_RSPAMD_PASSWORD/);
  });

  it('points Dovecot at this Yubin on loopback unless told where it is', () => {
    const local = daemonConfigSettings(loadConfig({ ...env, HOST: '0.0.0.0', PORT: '8080' }), {
      out: '/tmp/out',
      ...ids,
    });
    expect(local.authPolicy).toEqual({
      url: 'http://127.0.0.1:8080/api/v1/internal/dovecot/auth-policy',
      secret: POLICY_KEY,
    });
    const elsewhere = daemonConfigSettings(loadConfig(env), {
      out: '/tmp/out',
      ...ids,
      authPolicyUrl: 'https://yubin.example.com/api/v1/internal/dovecot/auth-policy',
    });
    expect(elsewhere.authPolicy.url).toBe(
      'https://yubin.example.com/api/v1/internal/dovecot/auth-policy',
    );
  });

  it('asks for the storage user’s ids when it does not exist here, and for both TLS files', () => {
    expect(() => daemonConfigSettings(loadConfig(env), { out: '/tmp/out' })).toThrow(
      /adduser --system --group --home \/var\/vmail vmail/,
    );
    expect(() =>
      daemonConfigSettings(loadConfig(env), { out: '/tmp/out', ...ids, tlsCert: '/etc/x.crt' }),
    ).toThrow(/--tls-key/);
  });
});

describe('MAIL_* settings', () => {
  it('refuses role passwords that would need quoting in daemon config files', () => {
    expect(() => loadConfig({ MAIL_READER_PASSWORD: 'short' })).toThrow(/MAIL_READER_PASSWORD/);
    expect(() => loadConfig({ MAIL_QUOTA_WRITER_PASSWORD: 'has space in it 0123456' })).toThrow(
      /MAIL_QUOTA_WRITER_PASSWORD/,
    );
    expect(() => loadConfig({ MAIL_STORAGE_DIR: '/var/mail/../etc' })).toThrow(/MAIL_STORAGE_DIR/);
  });
});
