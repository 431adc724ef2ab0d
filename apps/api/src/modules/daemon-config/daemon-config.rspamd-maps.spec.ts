import {
  RSPAMD_MAP_PATHS,
  rspamdMapFiles,
  rspamdMapProblems,
  rspamdMapUrl,
} from './daemon-config.rspamd-maps.js';

const KEY = 'map-key-0123456789abcdef0123456789abcdef';
const SETTINGS = { apiBaseUrl: 'http://127.0.0.1:3000', secret: KEY };

function file(name: string): string {
  const found = rspamdMapFiles(SETTINGS, 'header').find((f) => f.file === name);
  if (found === undefined) throw new Error(`no ${name}`);
  return found.content;
}

describe(rspamdMapFiles.name, () => {
  it('points Rspamd at the three maps with the key as Basic credentials', () => {
    expect(rspamdMapUrl(SETTINGS, RSPAMD_MAP_PATHS.allow)).toBe(
      `http://rspamd:${KEY}@127.0.0.1:3000/api/v1/internal/rspamd/sender-rules/allow`,
    );
    expect(file('rspamd.conf.override')).toMatch(
      new RegExp(
        `^settings = "http://rspamd:${KEY}@127\\.0\\.0\\.1:3000/api/v1/internal/rspamd/settings";$`,
        'm',
      ),
    );
    const lua = file('yubin/sender_rules.lua');
    expect(lua).toContain(
      `url = 'http://rspamd:${KEY}@127.0.0.1:3000/api/v1/internal/rspamd/sender-rules/allow'`,
    );
    expect(lua).toContain(
      `url = 'http://rspamd:${KEY}@127.0.0.1:3000/api/v1/internal/rspamd/sender-rules/block'`,
    );
    expect(file('rspamd.conf.local')).toMatch(
      /^lua = "\$LOCAL_CONFDIR\/yubin\/sender_rules\.lua";$/m,
    );
  });

  it('decides per recipient from the mailbox to the domain to global, a block first at each', () => {
    const lua = file('yubin/sender_rules.lua');
    expect(lua).toContain("local scopes = { address, string.lower(recipient.domain or ''), '*' }");
    expect(lua.indexOf('block_map:get_key(scope .. key)')).toBeLessThan(
      lua.indexOf('allow_map:get_key(scope .. key)'),
    );
    // Client networks are looked up at every prefix length, as PostgreSQL prints them.
    expect(lua).toContain("string.format('|i|%s/%d', tostring(ip:apply_mask(prefix)), prefix)");
    // Refused when every recipient blocks it; else those that block it leave the envelope.
    expect(lua).toContain('if remaining == 0 then');
    expect(lua).toContain(
      "task:set_pre_result({ action = 'reject', message = REFUSALS[first_block], module = 'yubin' })",
    );
    expect(lua).toContain('task:set_milter_reply({ del_rcpt = blocked })');
  });

  it('refuses a base URL with a path or odd characters, and a short key', () => {
    expect(rspamdMapProblems(SETTINGS)).toEqual([]);
    expect(rspamdMapProblems({ apiBaseUrl: 'http://h:1/api', secret: KEY })).toHaveLength(1);
    expect(rspamdMapProblems({ apiBaseUrl: 'http://h";x', secret: KEY })).toHaveLength(1);
    expect(rspamdMapProblems({ apiBaseUrl: 'http://h:1', secret: 'short' })).toHaveLength(1);
    expect(() => rspamdMapUrl({ apiBaseUrl: 'ftp://h', secret: KEY }, '/x')).toThrow();
  });
});

describe('dkim_signing.conf', () => {
  const SIGNER = 'signer-key-0123456789abcdef0123456789abcd';
  const signing = (settings: Parameters<typeof rspamdMapFiles>[0]) =>
    rspamdMapFiles(settings, 'header').find((f) => f.file === 'local.d/dkim_signing.conf')
      ?.content ?? '';

  it('fetches the signer tables with the signer key only, and signs authenticated mail only', () => {
    const conf = signing({ ...SETTINGS, signerSecret: SIGNER });
    expect(conf).toContain(
      `signing_table = "http://rspamd:${SIGNER}@127.0.0.1:3000${RSPAMD_MAP_PATHS.dkimSigningTable}";`,
    );
    expect(conf).toContain(
      `key_table = "http://rspamd:${SIGNER}@127.0.0.1:3000${RSPAMD_MAP_PATHS.dkimKeyTable}";`,
    );
    expect(conf).not.toContain(KEY);
    for (const line of [
      'sign_authenticated = true;',
      'sign_local = false;',
      'sign_inbound = false;',
    ])
      expect(conf).toContain(line);
    // Neither the sender rules nor the settings map carry the signer's key.
    for (const other of rspamdMapFiles({ ...SETTINGS, signerSecret: SIGNER }, 'header'))
      if (!['local.d/dkim_signing.conf', 'local.d/metadata_exporter.conf'].includes(other.file))
        expect(other.content).not.toContain(SIGNER);
  });

  it('switches signing off without a signer key, and refuses a short one', () => {
    expect(signing(SETTINGS)).toMatch(/^enabled = false;$/m);
    expect(rspamdMapProblems({ ...SETTINGS, signerSecret: 'short' })).toEqual([
      'DKIM signer key: 32 to 128 characters of A-Z a-z 0-9 . _ ~ -',
    ]);
  });
});

describe('metadata_exporter.conf', () => {
  const SIGNER = 'signer-key-0123456789abcdef0123456789abcd';
  const exporter = (settings: Parameters<typeof rspamdMapFiles>[0]) =>
    rspamdMapFiles(settings, 'header').find((f) => f.file === 'local.d/metadata_exporter.conf')
      ?.content ?? '';

  it('reports signed messages to Yubin with the signer key, as JSON of the DKIM_SIGNED options', () => {
    const conf = exporter({ ...SETTINGS, signerSecret: SIGNER });
    expect(conf).toContain(
      `url = "http://127.0.0.1:3000${RSPAMD_MAP_PATHS.dkimSigned}";\n    user = "rspamd";\n    password = "${SIGNER}";`,
    );
    expect(conf).toContain('backend = "http";');
    expect(conf).toContain('mime_type = "application/json";');
    expect(conf).toContain("return task:has_symbol('DKIM_SIGNED')");
    expect(conf).toContain("task:get_symbol('DKIM_SIGNED')");
    expect(conf).not.toContain(KEY);
  });

  it('is off without a signer key', () => {
    expect(exporter(SETTINGS)).toMatch(/^enabled = false;$/m);
    expect(exporter(SETTINGS)).not.toContain('rules');
  });
});
