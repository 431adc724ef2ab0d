import { randomUUID } from 'node:crypto';
import type { MailEndpoints } from './mail-endpoints.js';

/** Escapes text for XML. */
function xml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

type PlistValue = string | number | boolean | PlistDict | PlistValue[];
interface PlistDict {
  [key: string]: PlistValue;
}

function plist(value: PlistValue, indent: string): string {
  if (typeof value === 'string') return `${indent}<string>${xml(value)}</string>\n`;
  if (typeof value === 'number') return `${indent}<integer>${value}</integer>\n`;
  if (typeof value === 'boolean') return `${indent}<${value}/>\n`;
  if (Array.isArray(value))
    return `${indent}<array>\n${value.map((item) => plist(item, `${indent}  `)).join('')}${indent}</array>\n`;
  return `${indent}<dict>\n${Object.entries(value)
    .map(([key, item]) => `${indent}  <key>${xml(key)}</key>\n${plist(item, `${indent}  `)}`)
    .join('')}${indent}</dict>\n`;
}

export interface AppleProfileInput {
  address: string;
  displayName: string;
  endpoints: MailEndpoints;
  /** An app password to put inside; without one, the device asks for the password. */
  password?: string;
}

/** A reverse-DNS name for the account, stable per address so a new profile replaces the old. */
function identifierOf(address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address
    .slice(at + 1)
    .split('.')
    .reverse()
    .join('.');
  const local = address.slice(0, at).replaceAll(/[^A-Za-z0-9-]/g, '-');
  return `${domain}.mail.${local}`;
}

/**
 * An Apple configuration profile with one IMAP account (the `com.apple.mail.managed`
 * payload of Apple's Device Management reference): IMAP on 993 over TLS, sending on 587
 * (TLS after STARTTLS), the same user name and password for both.
 */
export function appleMailProfile(input: AppleProfileInput): string {
  const imap = input.endpoints.incoming.find((server) => server.protocol === 'imap');
  const smtp = input.endpoints.outgoing.find(
    (server) => server.protocol === 'smtp' && server.port === 587,
  );
  if (imap === undefined || smtp === undefined) throw new Error('no IMAP or submission server');
  const identifier = identifierOf(input.address);
  const account: PlistDict = {
    PayloadType: 'com.apple.mail.managed',
    PayloadVersion: 1,
    PayloadIdentifier: `${identifier}.account`,
    PayloadUUID: randomUUID().toUpperCase(),
    PayloadDisplayName: input.address,
    EmailAccountDescription: input.address,
    EmailAccountName: input.displayName === '' ? input.address : input.displayName,
    EmailAccountType: 'EmailTypeIMAP',
    EmailAddress: input.address,
    IncomingMailServerAuthentication: 'EmailAuthPassword',
    IncomingMailServerHostName: imap.host,
    IncomingMailServerPortNumber: imap.port,
    IncomingMailServerUseSSL: true,
    IncomingMailServerUsername: input.address,
    OutgoingMailServerAuthentication: 'EmailAuthPassword',
    OutgoingMailServerHostName: smtp.host,
    OutgoingMailServerPortNumber: smtp.port,
    OutgoingMailServerUseSSL: true,
    OutgoingMailServerUsername: input.address,
    OutgoingPasswordSameAsIncomingPassword: true,
    ...(input.password === undefined
      ? {}
      : { IncomingPassword: input.password, OutgoingPassword: input.password }),
  };
  const profile: PlistDict = {
    PayloadContent: [account],
    PayloadDisplayName: `Mail: ${input.address}`,
    PayloadDescription: `Sets up the mail account ${input.address}.`,
    PayloadIdentifier: identifier,
    PayloadRemovalDisallowed: false,
    PayloadType: 'Configuration',
    PayloadUUID: randomUUID().toUpperCase(),
    PayloadVersion: 1,
  };
  return `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
${plist(profile, '')}</plist>
`;
}
