import type { MailEndpoint, MailEndpoints } from './mail-endpoints.js';

/** Escapes text and attribute values for XML. */
function xml(value: string | number): string {
  return String(value)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** Thunderbird's socketType: `SSL` is TLS from the start. */
const SOCKET_TYPE = { tls: 'SSL', starttls: 'STARTTLS' } as const;

function thunderbirdServer(
  kind: 'incomingServer' | 'outgoingServer',
  server: MailEndpoint,
): string {
  return `    <${kind} type="${server.protocol}">
      <hostname>${xml(server.host)}</hostname>
      <port>${server.port}</port>
      <socketType>${SOCKET_TYPE[server.security]}</socketType>
      <authentication>password-cleartext</authentication>
      <username>%EMAILADDRESS%</username>
    </${kind}>
`;
}

/**
 * Thunderbird's config-v1.1.xml (wiki.mozilla.org/Thunderbird:Autoconfiguration:ConfigFileFormat).
 * The user name is the `%EMAILADDRESS%` placeholder, so the document is the same for every
 * address of the domain: it says nothing about which mailboxes exist.
 */
export function thunderbirdConfig(domain: string, endpoints: MailEndpoints): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="${xml(domain)}">
    <domain>${xml(domain)}</domain>
    <displayName>${xml(domain)}</displayName>
    <displayShortName>${xml(domain)}</displayShortName>
${endpoints.incoming.map((server) => thunderbirdServer('incomingServer', server)).join('')}${endpoints.outgoing.map((server) => thunderbirdServer('outgoingServer', server)).join('')}  </emailProvider>
</clientConfig>
`;
}

/**
 * One POX `Protocol`. `SSL on` is TLS from the start; for STARTTLS, `Encryption TLS`
 * (which, when present, takes precedence over `SSL`).
 */
function outlookProtocol(server: MailEndpoint, loginName: string): string {
  const encryption = server.security === 'tls' ? 'SSL' : 'TLS';
  return `      <Protocol>
        <Type>${server.protocol.toUpperCase()}</Type>
        <Server>${xml(server.host)}</Server>
        <Port>${server.port}</Port>
        <DomainRequired>off</DomainRequired>
        <LoginName>${xml(loginName)}</LoginName>
        <SPA>off</SPA>
        <SSL>${server.security === 'tls' ? 'on' : 'off'}</SSL>
        <Encryption>${encryption}</Encryption>
        <AuthRequired>on</AuthRequired>
      </Protocol>
`;
}

/**
 * Outlook's POX autodiscover answer for an IMAP/POP3/SMTP account. It names the address
 * Outlook asked about as the login, and is otherwise the same for every address of the domain.
 */
export function outlookAutodiscover(address: string, endpoints: MailEndpoints): string {
  const protocols = [...endpoints.incoming, ...endpoints.outgoing]
    .map((server) => outlookProtocol(server, address))
    .join('');
  return `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006">
  <Response xmlns="http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a">
    <Account>
      <AccountType>email</AccountType>
      <Action>settings</Action>
${protocols}    </Account>
  </Response>
</Autodiscover>
`;
}

/** The address in an Outlook POX request (`<EMailAddress>`); undefined when there is none. */
export function requestedEmailAddress(body: string): string | undefined {
  return /<(?:\w+:)?EMailAddress>([^<]{1,320})<\/(?:\w+:)?EMailAddress>/.exec(body)?.[1];
}
