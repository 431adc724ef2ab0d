import type { AppConfig } from '../../infra/config/app-config.js';

/** One server a mail app connects to. */
export interface MailEndpoint {
  protocol: 'imap' | 'pop3' | 'smtp';
  host: string;
  port: number;
  /** `tls`: encrypted from the start. `starttls`: upgraded after connecting. */
  security: 'tls' | 'starttls';
}

/** Where a domain's mail apps read and send mail: every page and document says the same. */
export interface MailEndpoints {
  incoming: MailEndpoint[];
  outgoing: MailEndpoint[];
}

/**
 * The servers for a domain: its own `mailHostname` when it has one, else the global host
 * names. Reading on 993 (IMAP) and 995 (POP3) with TLS; sending on 587 with STARTTLS or
 * 465 with TLS, because ISPs block port 25.
 */
export function mailEndpoints(
  hosts: AppConfig['mailHosts'],
  domainMailHostname: string | null,
): MailEndpoints {
  const imap = domainMailHostname ?? hosts.imap;
  const pop3 = domainMailHostname ?? hosts.pop3;
  const smtp = domainMailHostname ?? hosts.smtp;
  return {
    incoming: [
      { protocol: 'imap', host: imap, port: 993, security: 'tls' },
      { protocol: 'pop3', host: pop3, port: 995, security: 'tls' },
    ],
    outgoing: [
      { protocol: 'smtp', host: smtp, port: 587, security: 'starttls' },
      { protocol: 'smtp', host: smtp, port: 465, security: 'tls' },
    ],
  };
}

/**
 * Thunderbird's autoconfig document for an address, at the well-known path on Yubin's
 * own name: it works before `autoconfig.<domain>` is published, and shows a person what
 * their mail app will read.
 */
export function autoconfigUrl(webHostname: string, address: string): string {
  return `https://${webHostname}/.well-known/autoconfig/mail/config-v1.1.xml?emailaddress=${encodeURIComponent(address)}`;
}
