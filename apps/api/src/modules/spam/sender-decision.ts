import { BlockList, isIP } from 'node:net';
import type { SenderMatchType, SenderRuleKind, SenderRuleLevel } from '#contracts';
import { domainSuffixes } from './sender-match.js';

/** What the decision needs of a rule. */
export interface DecidableRule {
  id: string;
  level: SenderRuleLevel;
  kind: SenderRuleKind;
  matchType: SenderMatchType;
  /** Canonical: an address, a domain, or a network `address/prefix`. */
  matchValue: string;
}

/** One message's envelope sender (null for a bounce, `<>`) and the client's address. */
export interface Envelope {
  sender: string | null;
  clientIp: string | null;
}

export type SenderVerdict = 'allow' | 'block' | 'none';

export interface SenderDecision<Rule extends DecidableRule = DecidableRule> {
  verdict: SenderVerdict;
  /** The rule that decided; null when none applies. */
  rule: Rule | null;
}

/** Most specific first: a mailbox's rules, then its domain's, then the global ones. */
const LEVELS: readonly SenderRuleLevel[] = ['mailbox', 'domain', 'global'];

function networkContains(network: string, ip: string): boolean {
  const [address = '', prefix = ''] = network.split('/');
  const family = isIP(address) === 4 ? 'ipv4' : 'ipv6';
  if (isIP(ip) !== (family === 'ipv4' ? 4 : 6)) return false;
  const list = new BlockList();
  list.addSubnet(address, Number(prefix), family);
  return list.check(ip, family);
}

/** How closely a rule names the envelope: higher is closer; undefined when it does not apply. */
function closeness(rule: DecidableRule, envelope: Envelope): number | undefined {
  const sender = envelope.sender;
  switch (rule.matchType) {
    case 'sender':
      return sender !== null && rule.matchValue === sender ? 1000 : undefined;
    case 'senderDomain': {
      if (sender === null) return undefined;
      const domain = sender.slice(sender.lastIndexOf('@') + 1);
      return domainSuffixes(domain).includes(rule.matchValue)
        ? 500 + rule.matchValue.length
        : undefined;
    }
    case 'clientIp':
      return envelope.clientIp !== null && networkContains(rule.matchValue, envelope.clientIp)
        ? Number(rule.matchValue.split('/')[1])
        : undefined;
  }
}

/**
 * The precedence of sender rules (ADR 0012), in one place:
 * 1. the most specific level with a rule that applies decides (mailbox, then domain,
 *    then global): a mailbox's allow beats its domain's block;
 * 2. within that level, a block beats an allow;
 * 3. without any rule that applies, nothing is decided (`none`): the spam score decides.
 * Among rules of the deciding kind the closest names the decision: an address before a
 * domain (a longer domain first), before a network (a longer prefix first).
 */
export function decideSender<Rule extends DecidableRule>(
  rules: readonly Rule[],
  envelope: Envelope,
): SenderDecision<Rule> {
  for (const level of LEVELS) {
    const applying = rules
      .filter((rule) => rule.level === level)
      .map((rule) => ({ rule, closeness: closeness(rule, envelope) }))
      .filter((entry): entry is { rule: Rule; closeness: number } => entry.closeness !== undefined);
    if (applying.length === 0) continue;
    const blocks = applying.filter((entry) => entry.rule.kind === 'block');
    const deciding = blocks.length > 0 ? blocks : applying;
    const closest = deciding.reduce((best, entry) =>
      entry.closeness > best.closeness ? entry : best,
    );
    return { verdict: closest.rule.kind, rule: closest.rule };
  }
  return { verdict: 'none', rule: null };
}
