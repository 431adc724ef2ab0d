import { createHash } from 'node:crypto';
import {
  dovecotQueries,
  POSTFIX_LOOKUPS,
} from '../apps/api/src/modules/daemon-config/daemon-config.render.js';
import { BASELINE_QUERIES } from './daemons-baseline.js';
import { keys, type DaemonSeedPlan } from './daemons-seed.js';

/** One query as a daemon sends it (literal text), and the same as a prepared statement. */
export interface Query {
  literal: string;
  prepared: { name: string; text: string; values: string[] };
}

/**
 * Fills a daemon's query template. The daemons put each variable (Postfix `%s %u %d`,
 * Dovecot `%u %s %{sha256:password}`) between single quotes and escape the value; the
 * prepared form puts `$n` in its place.
 */
export function bind(template: string, vars: Record<string, string>): Query {
  let literal = template;
  let text = template;
  const values: string[] = [];
  for (const [token, value] of Object.entries(vars)) {
    const quoted = `'${token}'`;
    if (!template.includes(quoted)) continue;
    literal = literal.replaceAll(quoted, `'${value.replaceAll("'", "''")}'`);
    values.push(value);
    text = text.replaceAll(quoted, `$${values.length}`);
  }
  const name = `q${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
  return { literal, prepared: { name, text, values } };
}

/** Postfix's variables for a lookup key: the whole key, its local part, its domain. */
function postfix(template: string, key: string): Query {
  const at = key.lastIndexOf('@');
  return bind(template, { '%s': key, '%u': key.slice(0, at), '%d': key.slice(at + 1) });
}

/**
 * What one daemon question costs: the queries it sends, in order, until one answers
 * (Dovecot tries its passdbs in turn). `baseline` is absent where PostfixAdmin's
 * documentation has no such question.
 */
export interface Lookup {
  name: string;
  daemon: 'Postfix' | 'Dovecot' | 'none';
  /** Counted in the geometric means: both layouts answer the same question. */
  paired: boolean;
  sample(): { yubin: Query[]; baseline?: Query[] };
}

function random(n: number): number {
  return 1 + Math.floor(Math.random() * n);
}

/** The main password every seeded mailbox has; the app password of `u1@d<i>` is `app-d<i>.bench`. */
export function lookups(plan: DaemonSeedPlan, mailboxPassword: string): Lookup[] {
  const d = () => random(plan.domains);
  const m = () => random(plan.mailboxesPerDomain);
  const a = () => random(plan.aliasesPerDomain - 1);
  const ad = () => random(plan.aliasDomains);
  const catchallAliasDomain = () => keys.aliasDomain(10 * random(plan.aliasDomains / 10));
  const yubin = dovecotQueries('/var/vmail');
  const pfa = BASELINE_QUERIES;
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
  const mainPasswordKey = sha256(mailboxPassword);
  const dovecot = (template: string, user: string, passwordKey = mainPasswordKey) =>
    bind(template, { '%u': user, '%s': 'imap', '%{sha256:password}': passwordKey });
  const both = (yubinTemplate: string, baselineTemplate: string, key: string) => ({
    yubin: [postfix(yubinTemplate, key)],
    baseline: [postfix(baselineTemplate, key)],
  });
  return [
    {
      name: 'SELECT 1 (noise floor)',
      daemon: 'none',
      paired: false,
      sample: () => ({ yubin: [bind('SELECT 1', {})], baseline: [bind('SELECT 1', {})] }),
    },
    {
      name: 'virtual_mailbox_domains',
      daemon: 'Postfix',
      paired: true,
      sample: () =>
        both(POSTFIX_LOOKUPS['virtual-mailbox-domains'], pfa.virtualDomains, keys.domain(d())),
    },
    {
      name: 'virtual_mailbox_maps',
      daemon: 'Postfix',
      paired: true,
      sample: () =>
        both(POSTFIX_LOOKUPS['virtual-mailbox-maps'], pfa.virtualMailboxes, keys.mailbox(d(), m())),
    },
    {
      name: 'virtual_alias_maps (alias)',
      daemon: 'Postfix',
      paired: true,
      sample: () =>
        both(POSTFIX_LOOKUPS['virtual-alias-maps'], pfa.virtualAliases, keys.alias(d(), a())),
    },
    {
      name: 'virtual_alias_maps (mailbox)',
      daemon: 'Postfix',
      paired: true,
      sample: () =>
        both(POSTFIX_LOOKUPS['virtual-alias-maps'], pfa.virtualAliases, keys.mailbox(d(), m())),
    },
    {
      name: 'virtual_alias_maps (@domain)',
      daemon: 'Postfix',
      paired: true,
      sample: () =>
        both(POSTFIX_LOOKUPS['virtual-alias-maps'], pfa.virtualAliases, `@${keys.domain(d())}`),
    },
    {
      name: 'virtual_alias_maps (user@alias-domain)',
      daemon: 'Postfix',
      paired: true,
      sample: () =>
        both(
          POSTFIX_LOOKUPS['alias-domain-maps'],
          pfa.aliasDomainAliases,
          `u${m()}@${keys.aliasDomain(ad())}`,
        ),
    },
    {
      name: 'virtual_alias_maps (@alias-domain)',
      daemon: 'Postfix',
      paired: true,
      sample: () =>
        both(
          POSTFIX_LOOKUPS['alias-domain-catchall-maps'],
          pfa.aliasDomainCatchall,
          `@${catchallAliasDomain()}`,
        ),
    },
    {
      name: 'smtpd_sender_login_maps (own address)',
      daemon: 'Postfix',
      paired: true,
      sample: () =>
        both(POSTFIX_LOOKUPS['sender-login-maps'], pfa.senderLogins, keys.mailbox(d(), m())),
    },
    {
      name: 'smtpd_sender_login_maps (alias)',
      daemon: 'Postfix',
      paired: false,
      sample: () => ({
        yubin: [postfix(POSTFIX_LOOKUPS['sender-login-maps'], keys.alias(d(), a()))],
      }),
    },
    {
      name: 'smtpd_sender_login_maps (alias domain)',
      daemon: 'Postfix',
      paired: false,
      sample: () => ({
        yubin: [
          postfix(
            POSTFIX_LOOKUPS['alias-domain-sender-login-maps'],
            `a${a()}@${keys.aliasDomain(ad())}`,
          ),
        ],
      }),
    },
    {
      name: 'passdb (login, main password)',
      daemon: 'Dovecot',
      paired: true,
      sample: () => {
        const user = keys.mailbox(d(), m());
        return {
          yubin: [dovecot(yubin.password_query, user)],
          baseline: [dovecot(pfa.passwordQuery, user)],
        };
      },
    },
    {
      name: 'passdb (login, app password)',
      daemon: 'Dovecot',
      paired: false,
      sample: () => {
        const i = d();
        return {
          yubin: [dovecot(yubin.password_query, keys.mailbox(i, 1), keys.appPasswordKey(i))],
        };
      },
    },
    {
      name: 'userdb',
      daemon: 'Dovecot',
      paired: true,
      sample: () => {
        const user = keys.mailbox(d(), m());
        return {
          yubin: [dovecot(yubin.user_query, user)],
          baseline: [dovecot(pfa.userQuery, user)],
        };
      },
    },
  ];
}
