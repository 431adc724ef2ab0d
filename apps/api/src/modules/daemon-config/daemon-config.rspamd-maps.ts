/**
 * Rspamd's side of the sender rules and spam thresholds (ADR 0013): where it fetches the
 * maps Yubin serves (modules/rspamd-maps) and the rule that applies ADR 0012's precedence
 * per recipient. Pure: the same settings render the same files.
 */

/** The routes, under the API prefix. */
export const RSPAMD_MAP_PATHS = {
  allow: '/api/v1/internal/rspamd/sender-rules/allow',
  block: '/api/v1/internal/rspamd/sender-rules/block',
  settings: '/api/v1/internal/rspamd/settings',
  dkimSigningTable: '/api/v1/internal/rspamd/dkim-signing-table',
  dkimKeyTable: '/api/v1/internal/rspamd/dkim-key-table',
  dkimSigned: '/api/v1/internal/rspamd/dkim-signed',
} as const;

export interface RspamdMapSettings {
  /** `http(s)://host:port` as the mail server reaches Yubin, without a path. */
  apiBaseUrl: string;
  /** MAIL_AUTH_POLICY_SECRET: Rspamd sends it as the password of HTTP Basic. */
  secret: string;
  /** MAIL_DKIM_SIGNER_SECRET: the signer's own key for the DKIM maps; unset, nothing is signed. */
  signerSecret?: string | undefined;
}

export interface RspamdFile {
  /** Relative to Rspamd's local configuration directory (/etc/rspamd). */
  file: string;
  content: string;
}

const BASE_URL = /^(https?):\/\/([A-Za-z0-9.:[\]_-]{1,253})$/;
const SECRET = /^[A-Za-z0-9._~-]{32,128}$/;

export function rspamdMapProblems(settings: RspamdMapSettings): string[] {
  const problems: string[] = [];
  if (!BASE_URL.test(settings.apiBaseUrl))
    problems.push(`Rspamd map base URL: "${settings.apiBaseUrl}" (http(s)://host:port)`);
  if (!SECRET.test(settings.secret))
    problems.push('Rspamd map key: 32 to 128 characters of A-Z a-z 0-9 . _ ~ -');
  if (settings.signerSecret !== undefined && !SECRET.test(settings.signerSecret))
    problems.push('DKIM signer key: 32 to 128 characters of A-Z a-z 0-9 . _ ~ -');
  return problems;
}

/** A map URL with the key as Basic credentials: the only way Rspamd authenticates a fetch. */
export function rspamdMapUrl(
  settings: RspamdMapSettings,
  path: string,
  secret: string = settings.secret,
): string {
  const [, scheme, authority] = BASE_URL.exec(settings.apiBaseUrl) ?? [];
  if (scheme === undefined || authority === undefined)
    throw new Error(rspamdMapProblems(settings).join('; '));
  return `${scheme}://rspamd:${secret}@${authority}${path}`;
}

/**
 * DKIM signing (ADR 0016): Rspamd's own module, keys from Yubin's signer maps. Only mail
 * from an authenticated sender (submission, with {auth_authen} from the milter) is
 * signed, never inbound or merely local mail, and only for a domain with an active key.
 */
function dkimSigningConf(settings: RspamdMapSettings, header: string): string {
  if (settings.signerSecret === undefined) {
    return `# ${header}
# MAIL_DKIM_SIGNER_SECRET was not set when this was rendered: nothing is signed.
enabled = false;
`;
  }
  const url = (path: string) => rspamdMapUrl(settings, path, settings.signerSecret);
  return `# ${header}
# The key is in the map URLs: this file is for group _rspamd only (0640).
enabled = true;
sign_authenticated = true;
sign_local = false;
sign_inbound = false;
use_domain = "header";
use_esld = false;
try_fallback = false;
allow_hdrfrom_mismatch = false;
allow_username_mismatch = false;
# OpenDKIM-style tables: From address -> key name -> domain:selector:key (inline).
signing_table = "${url(RSPAMD_MAP_PATHS.dkimSigningTable)}";
key_table = "${url(RSPAMD_MAP_PATHS.dkimKeyTable)}";
`;
}

/**
 * Reports each signed message to Yubin (ADR 0018), which keeps each key's first one for
 * the setup checklist: Rspamd's metadata_exporter, one rule, with a selector for the
 * DKIM_SIGNED symbol and a formatter that sends its options (`domain:s=selector`) as
 * JSON. The signer's key is the Basic password, as for its maps.
 */
function metadataExporterConf(settings: RspamdMapSettings, header: string): string {
  if (settings.signerSecret === undefined) {
    return `# ${header}
# MAIL_DKIM_SIGNER_SECRET was not set when this was rendered: nothing is signed or reported.
enabled = false;
`;
  }
  return `# ${header}
# The signer's key is in this file: for group _rspamd only (0640).
custom_select {
  yubin_dkim_signed = <<EOD
return function(task)
  return task:has_symbol('DKIM_SIGNED')
end
EOD;
}
custom_format {
  yubin_dkim_signed = <<EOD
return function(task)
  local ucl = require "ucl"
  local signatures = {}
  for _, result in ipairs(task:get_symbol('DKIM_SIGNED') or {}) do
    for _, option in ipairs(result.options or {}) do
      table.insert(signatures, option)
    end
  end
  return ucl.to_format({ signatures = signatures }, 'json-compact'), {}
end
EOD;
}
rules {
  YUBIN_DKIM_SIGNED {
    backend = "http";
    url = "${settings.apiBaseUrl}${RSPAMD_MAP_PATHS.dkimSigned}";
    user = "rspamd";
    password = "${settings.signerSecret}";
    mime_type = "application/json";
    selector = "yubin_dkim_signed";
    formatter = "yubin_dkim_signed";
  }
}
`;
}

function senderRulesLua(settings: RspamdMapSettings, header: string): string {
  return `-- ${header}
-- Sender rules (ADR 0012, 0013), per recipient: the most specific level with a rule that
-- applies decides (the mailbox, then its domain, then global), and a block beats an
-- allow there. A rule matches the envelope sender, a sender domain and its subdomains,
-- or a network containing the client. Keys in Yubin's maps: scope|type|value, scope
-- being the mailbox address, the domain or *.

local allow_map = rspamd_config:add_map({
  type = 'set',
  url = '${rspamdMapUrl(settings, RSPAMD_MAP_PATHS.allow)}',
  description = 'Yubin sender rules: allow',
})
local block_map = rspamd_config:add_map({
  type = 'set',
  url = '${rspamdMapUrl(settings, RSPAMD_MAP_PATHS.block)}',
  description = 'Yubin sender rules: block',
})

local LEVELS = { 'mailbox', 'domain', 'global' }
local REFUSALS = {
  mailbox = 'Refused by the sender policy of the mailbox',
  domain = 'Refused by the sender policy of the domain',
  ['global'] = 'Refused by the global sender policy of Yubin',
}

-- The key suffixes a message can match: its sender, each of the sender's domains, and
-- the client address masked to every prefix length, as PostgreSQL prints a network.
local function message_keys(task)
  local keys = {}
  local from = task:get_from('smtp')
  if from and from[1] and from[1].addr and from[1].addr ~= '' then
    keys[#keys + 1] = '|s|' .. string.lower(from[1].addr)
    local domain = string.lower(from[1].domain or '')
    while domain ~= '' do
      keys[#keys + 1] = '|d|' .. domain
      local dot = string.find(domain, '.', 1, true)
      if not dot then break end
      domain = string.sub(domain, dot + 1)
    end
  end
  local ip = task:get_from_ip()
  if ip and ip:is_valid() then
    local bits = ip:get_version() == 4 and 32 or 128
    for prefix = 0, bits do
      keys[#keys + 1] = string.format('|i|%s/%d', tostring(ip:apply_mask(prefix)), prefix)
    end
  end
  return keys
end

local function decide(recipient, keys)
  local address = string.lower(recipient.addr or '')
  local scopes = { address, string.lower(recipient.domain or ''), '*' }
  for i, scope in ipairs(scopes) do
    if scope ~= '' then
      local allowed = false
      for _, key in ipairs(keys) do
        if block_map:get_key(scope .. key) then return 'block', LEVELS[i] end
        if not allowed and allow_map:get_key(scope .. key) then allowed = true end
      end
      if allowed then return 'allow', LEVELS[i] end
    end
  end
  return nil, nil
end

local id = rspamd_config:register_symbol({
  name = 'YUBIN_SENDER_RULES',
  type = 'normal',
  flags = 'empty,ignore_passthrough',
  augmentations = { 'passthrough', 'important' },
  callback = function(task)
    local recipients = task:get_recipients('smtp')
    if not recipients or #recipients == 0 then return end
    local keys = message_keys(task)
    -- One message for every recipient, judged once: refused if every recipient blocks
    -- the sender; else the recipients that block it are taken off the envelope (the
    -- milter deletes them: the sender's server is told nothing, as the others accept the
    -- message), and it is spared the spam score only if every remaining recipient allows it.
    local blocked, block_levels, first_block = {}, {}, nil
    local all_allow, allow_level, remaining = true, nil, 0
    for _, recipient in ipairs(recipients) do
      local verdict, level = decide(recipient, keys)
      if verdict == 'block' then
        blocked[#blocked + 1] = recipient.addr
        block_levels[level] = true
        first_block = first_block or level
      else
        remaining = remaining + 1
        if verdict == 'allow' then
          allow_level = allow_level or level
        else
          all_allow = false
        end
      end
    end
    if remaining == 0 then
      task:insert_result('YUBIN_SENDER_BLOCK', 1.0, first_block)
      task:set_pre_result({ action = 'reject', message = REFUSALS[first_block], module = 'yubin' })
      return
    end
    if #blocked > 0 then
      local levels = {}
      for level in pairs(block_levels) do levels[#levels + 1] = level end
      table.sort(levels)
      task:insert_result('YUBIN_SENDER_BLOCK', 1.0, levels)
      task:set_milter_reply({ del_rcpt = blocked })
    end
    if all_allow then
      task:insert_result('YUBIN_SENDER_ALLOW', 1.0, allow_level)
      -- A virus is still the virus rules' to handle.
      if not task:has_symbol('CLAM_VIRUS') then
        task:set_pre_result({ action = 'no action', module = 'yubin' })
      end
    end
  end,
})
rspamd_config:register_symbol({
  name = 'YUBIN_SENDER_BLOCK', type = 'virtual', parent = id, score = 0.0, group = 'yubin',
  description = 'A sender rule blocks the message',
})
rspamd_config:register_symbol({
  name = 'YUBIN_SENDER_ALLOW', type = 'virtual', parent = id, score = 0.0, group = 'yubin',
  description = 'A sender rule allows the message despite its score',
})
-- After the virus scan, so an allowed sender's virus is still caught.
rspamd_config:register_dependency('YUBIN_SENDER_RULES', 'CLAM_VIRUS')
`;
}

/**
 * The files, relative to Rspamd's local configuration directory: the settings map
 * replaces the settings section at the top level (rspamd.conf.override, as a map cannot
 * be given in local.d), and the rule is one more Lua file to load (rspamd.conf.local
 * appends to the top-level `lua` list).
 */
export function rspamdMapFiles(settings: RspamdMapSettings, header: string): RspamdFile[] {
  return [
    {
      file: 'rspamd.conf.override',
      content: `# ${header}
# Per-domain and per-mailbox thresholds, polled from Yubin (the map's own settings rules).
settings = "${rspamdMapUrl(settings, RSPAMD_MAP_PATHS.settings)}";
`,
    },
    {
      file: 'rspamd.conf.local',
      content: `# ${header}
lua = "$LOCAL_CONFDIR/yubin/sender_rules.lua";
`,
    },
    { file: 'yubin/sender_rules.lua', content: senderRulesLua(settings, header) },
    { file: 'local.d/dkim_signing.conf', content: dkimSigningConf(settings, header) },
    { file: 'local.d/metadata_exporter.conf', content: metadataExporterConf(settings, header) },
  ];
}
