import { toAsciiDomain } from './domain-name.js';

const SERVICE_LABEL = /^_[a-z0-9]([a-z0-9-]{0,60}[a-z0-9])?$/;

/**
 * A name as SPF `include:` and other DNS records use it: a domain name, possibly behind
 * service labels that start with an underscore (`_spf.example.com`), which host names
 * cannot have. The domain part goes to punycode like any domain; undefined if invalid.
 */
export function toAsciiDnsName(input: string): string | undefined {
  const labels = input.trim().toLowerCase().replace(/\.$/, '').split('.');
  const firstDomainLabel = labels.findIndex((label) => !label.startsWith('_'));
  if (firstDomainLabel < 0) return undefined;
  const service = labels.slice(0, firstDomainLabel);
  if (!service.every((label) => SERVICE_LABEL.test(label))) return undefined;
  const domain = toAsciiDomain(labels.slice(firstDomainLabel).join('.'));
  if (domain === undefined) return undefined;
  const name = [...service, domain].join('.');
  return name.length <= 253 ? name : undefined;
}

const DNS_LABEL = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/;

/** A DKIM selector as Yubin makes them: one lowercase DNS label (LDH, 1–63 characters). */
export function isDkimSelector(value: string): boolean {
  return DNS_LABEL.test(value);
}
