import type { SenderRuleKind, SenderRuleLevel } from '#contracts';
import { decideSender, type DecidableRule, type SenderVerdict } from './sender-decision.js';

const ENVELOPE = { sender: 'spammer@mail.bad.example', clientIp: '192.0.2.77' };

/** What one level holds for the envelope: nothing that applies, an allow, a block, or both. */
type LevelState = 'none' | 'allow' | 'block' | 'both';
const STATES: readonly LevelState[] = ['none', 'allow', 'block', 'both'];

function rulesFor(level: SenderRuleLevel, state: LevelState): DecidableRule[] {
  const rule = (
    kind: SenderRuleKind,
    matchType: DecidableRule['matchType'],
    matchValue: string,
  ) => ({
    id: `${level}-${kind}`,
    level,
    kind,
    matchType,
    matchValue,
  });
  // Rules that do not apply sit at every level, so "none" is never an empty list.
  const bystanders = [
    { ...rule('block', 'sender', 'someone@else.example'), id: `${level}-other-block` },
    { ...rule('allow', 'clientIp', '198.51.100.0/24'), id: `${level}-other-allow` },
  ];
  const allow = rule('allow', 'senderDomain', 'bad.example');
  const block = rule('block', 'clientIp', '192.0.2.0/24');
  const own = { none: [], allow: [allow], block: [block], both: [allow, block] }[state];
  return [...bystanders, ...own];
}

/**
 * The precedence table of ADR 0012, written as its rows: the first row that fits decides.
 * `*` is any state; `block*` is block or both (a block beats an allow on the same level).
 */
const TABLE: readonly [string, string, string, SenderVerdict, SenderRuleLevel | null][] = [
  ['block*', '*', '*', 'block', 'mailbox'],
  ['allow', '*', '*', 'allow', 'mailbox'],
  ['none', 'block*', '*', 'block', 'domain'],
  ['none', 'allow', '*', 'allow', 'domain'],
  ['none', 'none', 'block*', 'block', 'global'],
  ['none', 'none', 'allow', 'allow', 'global'],
  ['none', 'none', 'none', 'none', null],
];

function fits(pattern: string, state: LevelState): boolean {
  if (pattern === '*') return true;
  if (pattern === 'block*') return state === 'block' || state === 'both';
  return pattern === state;
}

const CELLS = STATES.flatMap((mailbox) =>
  STATES.flatMap((domain) => STATES.map((global) => [mailbox, domain, global] as const)),
);

describe(decideSender.name, () => {
  it('has all 64 cells of the table', () => {
    expect(CELLS).toHaveLength(64);
  });

  it.each(CELLS)('mailbox %s, domain %s, global %s', (mailbox, domain, global) => {
    const row = TABLE.find(([m, d, g]) => fits(m, mailbox) && fits(d, domain) && fits(g, global));
    expect(row).toBeDefined();
    const [, , , verdict, level] = row!;
    const rules = [
      ...rulesFor('global', global),
      ...rulesFor('mailbox', mailbox),
      ...rulesFor('domain', domain),
    ];
    const decision = decideSender(rules, ENVELOPE);
    expect(decision.verdict).toBe(verdict);
    expect(decision.rule?.id ?? null).toBe(level === null ? null : `${level}-${verdict}`);
  });

  describe('matching', () => {
    const rule = (matchType: DecidableRule['matchType'], matchValue: string): DecidableRule => ({
      id: matchValue,
      level: 'domain',
      kind: 'block',
      matchType,
      matchValue,
    });
    const verdict = (r: DecidableRule, sender: string | null, clientIp: string | null) =>
      decideSender([r], { sender, clientIp }).verdict;

    it('matches an address exactly', () => {
      expect(verdict(rule('sender', 'a@b.example'), 'a@b.example', null)).toBe('block');
      expect(verdict(rule('sender', 'a@b.example'), 'aa@b.example', null)).toBe('none');
      expect(verdict(rule('sender', 'a@b.example'), null, '192.0.2.1')).toBe('none');
    });

    it('matches a domain and its subdomains, not a domain that merely ends alike', () => {
      const r = rule('senderDomain', 'b.example');
      expect(verdict(r, 'x@b.example', null)).toBe('block');
      expect(verdict(r, 'x@mail.b.example', null)).toBe('block');
      expect(verdict(r, 'x@bb.example', null)).toBe('none');
      expect(verdict(r, 'x@b.example.org', null)).toBe('none');
    });

    it('matches a client inside a network, IPv4 and IPv6, never across families', () => {
      expect(verdict(rule('clientIp', '192.0.2.0/24'), null, '192.0.2.255')).toBe('block');
      expect(verdict(rule('clientIp', '192.0.2.0/24'), null, '192.0.3.0')).toBe('none');
      expect(verdict(rule('clientIp', '192.0.2.7/32'), null, '192.0.2.7')).toBe('block');
      expect(verdict(rule('clientIp', '2001:db8::/32'), null, '2001:db8:ffff::1')).toBe('block');
      expect(verdict(rule('clientIp', '2001:db8::/32'), null, '2001:db9::1')).toBe('none');
      expect(verdict(rule('clientIp', '0.0.0.0/0'), null, '2001:db8::1')).toBe('none');
    });

    it('names the closest rule of the deciding kind', () => {
      const rules: DecidableRule[] = [
        rule('clientIp', '192.0.2.0/24'),
        rule('senderDomain', 'example'),
        rule('senderDomain', 'b.example'),
        rule('clientIp', '192.0.2.0/28'),
      ];
      expect(decideSender(rules, { sender: 'a@b.example', clientIp: '192.0.2.1' }).rule?.id).toBe(
        'b.example',
      );
      expect(decideSender(rules, { sender: null, clientIp: '192.0.2.1' }).rule?.id).toBe(
        '192.0.2.0/28',
      );
    });
  });
});
