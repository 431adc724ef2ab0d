import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiClient } from '../support/api-client.js';
import { expectProblem } from '../support/expectations.js';
import { createDomain, createMailbox, unique } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { childElements, fields, parseXml } from '../support/xml.js';

const TB_WELL_KNOWN = '/.well-known/autoconfig/mail/config-v1.1.xml';
const TB_AUTOCONFIG_HOST = '/mail/config-v1.1.xml';
const POX = '/autodiscover/autodiscover.xml';
const POX_REQUEST_NS =
  'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006';
const POX_RESPONSE_NS = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
const POX_OUTLOOK_NS =
  'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';

function poxRequest(address: string): string {
  return `<?xml version="1.0" encoding="utf-8"?>
<Autodiscover xmlns="${POX_REQUEST_NS}">
  <Request>
    <EMailAddress>${address}</EMailAddress>
    <AcceptableResponseSchema>${POX_OUTLOOK_NS}</AcceptableResponseSchema>
  </Request>
</Autodiscover>`;
}

describe('mail app autoconfiguration', () => {
  let t: TestApp;
  let admin: ApiClient;
  let domain: string;
  let custom: string;
  let mailbox: string;

  beforeAll(async () => {
    // A built UI is served, so the paths are proven not to fall into its fallback.
    const webRoot = await mkdtemp(join(tmpdir(), 'yubin-autoconfig-ui-'));
    await mkdir(webRoot, { recursive: true });
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>UI</title>');
    t = await startTestApp({
      MAIL_HOSTNAME: 'mail.yubin.test',
      SMTP_HOSTNAME: 'smtp.yubin.test',
      WEB_ROOT: webRoot,
    });
    admin = await t.superadmin();
    domain = (await createDomain(admin)).name;
    custom = (await createDomain(admin, { mailHostname: 'mx.customer.test' })).name;
    mailbox = (await createMailbox(admin, domain)).address;
  });
  afterAll(() => t.close());

  async function get(path: string): Promise<{ status: number; type: string; body: string }> {
    const response = await fetch(`${t.baseUrl}${path}`);
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: await response.text(),
    };
  }

  async function post(path: string, body: string, type = 'text/xml') {
    const response = await fetch(`${t.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });
    return {
      status: response.status,
      type: response.headers.get('content-type') ?? '',
      body: await response.text(),
    };
  }

  function thunderbirdServers(xml: string, domainName: string) {
    const root = parseXml(xml);
    expect(root.localName).toBe('clientConfig');
    expect(root.getAttribute('version')).toBe('1.1');
    const [provider, ...others] = childElements(root, 'emailProvider');
    expect(others).toEqual([]);
    expect(provider?.getAttribute('id')).toBe(domainName);
    expect(childElements(provider!, 'domain').map((d) => d.textContent)).toEqual([domainName]);
    return ['incomingServer', 'outgoingServer'].flatMap((kind) =>
      childElements(provider!, kind).map((server) => ({
        kind,
        type: server.getAttribute('type'),
        ...fields(server),
      })),
    );
  }

  const thunderbirdExpected = (imapPop: string, smtp: string) => {
    const common = { authentication: 'password-cleartext', username: '%EMAILADDRESS%' };
    return [
      {
        kind: 'incomingServer',
        type: 'imap',
        hostname: imapPop,
        port: '993',
        socketType: 'SSL',
        ...common,
      },
      {
        kind: 'incomingServer',
        type: 'pop3',
        hostname: imapPop,
        port: '995',
        socketType: 'SSL',
        ...common,
      },
      {
        kind: 'outgoingServer',
        type: 'smtp',
        hostname: smtp,
        port: '587',
        socketType: 'STARTTLS',
        ...common,
      },
      {
        kind: 'outgoingServer',
        type: 'smtp',
        hostname: smtp,
        port: '465',
        socketType: 'SSL',
        ...common,
      },
    ];
  };

  describe('Thunderbird', () => {
    it.each([TB_WELL_KNOWN, TB_AUTOCONFIG_HOST])(
      'answers config-v1.1.xml at %s with every server, port and TLS mode',
      async (path) => {
        const response = await get(`${path}?emailaddress=${encodeURIComponent(mailbox)}`);
        expect(response.status).toBe(200);
        expect(response.type).toMatch(/^application\/xml/);
        expect(thunderbirdServers(response.body, domain)).toEqual(
          thunderbirdExpected('mail.yubin.test', 'smtp.yubin.test'),
        );
      },
    );

    it('uses the domain’s own mailHostname', async () => {
      const response = await get(`${TB_WELL_KNOWN}?emailaddress=someone@${custom}`);
      expect(thunderbirdServers(response.body, custom)).toEqual(
        thunderbirdExpected('mx.customer.test', 'mx.customer.test'),
      );
    });

    it('answers the same bytes for an existing and a non-existing mailbox', async () => {
      const existing = await get(`${TB_WELL_KNOWN}?emailaddress=${mailbox}`);
      const missing = await get(`${TB_WELL_KNOWN}?emailaddress=${unique('nobody')}@${domain}`);
      expect(missing).toEqual(existing);
    });

    it('answers 404 for a domain not hosted here and 422 without an address', async () => {
      expectProblemText(
        await get(`${TB_WELL_KNOWN}?emailaddress=a@not-hosted.test`),
        404,
        'DOMAIN_NOT_FOUND',
      );
      expectProblemText(await get(TB_AUTOCONFIG_HOST), 422, 'VALIDATION_FAILED');
    });
  });

  describe('Outlook', () => {
    function poxProtocols(xml: string) {
      const root = parseXml(xml);
      expect([root.localName, root.namespaceURI]).toEqual(['Autodiscover', POX_RESPONSE_NS]);
      const [response] = childElements(root, 'Response');
      expect(response?.namespaceURI).toBe(POX_OUTLOOK_NS);
      const [account] = childElements(response!, 'Account');
      const { AccountType, Action } = fields(account!);
      expect({ AccountType, Action }).toEqual({ AccountType: 'email', Action: 'settings' });
      return childElements(account!, 'Protocol').map(fields);
    }

    it('answers the POX request with every server, port and TLS mode', async () => {
      const response = await post(POX, poxRequest(mailbox));
      expect(response.status).toBe(200);
      expect(response.type).toMatch(/^application\/xml/);
      const common = { DomainRequired: 'off', LoginName: mailbox, SPA: 'off', AuthRequired: 'on' };
      expect(poxProtocols(response.body)).toEqual([
        {
          Type: 'IMAP',
          Server: 'mail.yubin.test',
          Port: '993',
          SSL: 'on',
          Encryption: 'SSL',
          ...common,
        },
        {
          Type: 'POP3',
          Server: 'mail.yubin.test',
          Port: '995',
          SSL: 'on',
          Encryption: 'SSL',
          ...common,
        },
        {
          Type: 'SMTP',
          Server: 'smtp.yubin.test',
          Port: '587',
          SSL: 'off',
          Encryption: 'TLS',
          ...common,
        },
        {
          Type: 'SMTP',
          Server: 'smtp.yubin.test',
          Port: '465',
          SSL: 'on',
          Encryption: 'SSL',
          ...common,
        },
      ]);
    });

    it('uses the domain’s own mailHostname, and answers at the capitalised path too', async () => {
      const response = await post(
        '/Autodiscover/Autodiscover.xml',
        poxRequest(`x@${custom}`),
        'application/xml',
      );
      expect(poxProtocols(response.body).map((p) => `${p.Type}:${p.Server}`)).toEqual([
        'IMAP:mx.customer.test',
        'POP3:mx.customer.test',
        'SMTP:mx.customer.test',
        'SMTP:mx.customer.test',
      ]);
    });

    it('differs for a non-existing mailbox only in the address it was asked about', async () => {
      const ghost = `${unique('nobody')}@${domain}`;
      const existing = await post(POX, poxRequest(mailbox));
      const missing = await post(POX, poxRequest(ghost));
      expect(missing.status).toBe(200);
      expect(missing.body.replaceAll(ghost, mailbox)).toBe(existing.body);
    });

    it('answers 404 for a domain not hosted here and 422 for a request without an address', async () => {
      expectProblemText(await post(POX, poxRequest('a@not-hosted.test')), 404, 'DOMAIN_NOT_FOUND');
      expectProblemText(await post(POX, '<Autodiscover/>'), 422, 'VALIDATION_FAILED');
    });

    it('points the JSON form at the POX document on autodiscover.<domain>', async () => {
      const response = await get(
        `/autodiscover/autodiscover.json/v1.0/${encodeURIComponent(mailbox)}?Protocol=AutodiscoverV1`,
      );
      expect(response.status).toBe(200);
      expect(JSON.parse(response.body)).toEqual({
        Protocol: 'AutodiscoverV1',
        Url: `https://autodiscover.${domain}/Autodiscover/Autodiscover.xml`,
      });
      const other = await get(
        `/autodiscover/autodiscover.json/v1.0/${mailbox}?Protocol=ActiveSync`,
      );
      expectProblemText(other, 422, 'VALIDATION_FAILED');
    });

    it('is the server’s, not the UI’s, for a GET of the POX path', async () => {
      const response = await get(POX);
      expect(response.status).toBe(404);
      expect(response.body).not.toContain('<title>UI</title>');
    });
  });

  function expectProblemText(
    response: { status: number; type: string; body: string },
    status: number,
    code: string,
  ): void {
    expectProblem(
      {
        status: response.status,
        body: JSON.parse(response.body) as unknown,
        headers: new Headers({ 'content-type': response.type }),
      } as never,
      status,
      code,
    );
  }
});
