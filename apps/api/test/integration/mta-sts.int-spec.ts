import { request } from 'node:http';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiClient } from '../support/api-client.js';
import { createDomain, unique } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

const API = '/api/v1';

interface Answer {
  status: number;
  type: string;
  body: string;
}

/** A real HTTP request with the Host header a sender would send (fetch cannot set Host). */
function getWithHost(
  baseUrl: string,
  host: string,
  path = '/.well-known/mta-sts.txt',
): Promise<Answer> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, path, method: 'GET', headers: { host } },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            type: response.headers['content-type'] ?? '',
            body,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('MTA-STS policy', () => {
  let t: TestApp;
  let root: ApiClient;

  beforeAll(async () => {
    // A built UI is served, so the policy path is proven not to fall into its fallback.
    const webRoot = await mkdtemp(join(tmpdir(), 'yubin-mta-sts-ui-'));
    await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>UI</title>');
    t = await startTestApp({
      SMTP_HOSTNAME: 'smtp.yubin.test',
      MTA_STS_MAX_AGE_SECONDS: '86400',
      WEB_ROOT: webRoot,
    });
    root = await t.superadmin();
  });
  afterAll(() => t.close());

  async function policyId(domain: string): Promise<string> {
    const records = (await root.get(`${API}/domains/${domain}/dns-records`)).body.records as {
      type: string;
      name: string;
      value: string;
    }[];
    const txt = records.find((r) => r.type === 'TXT' && r.name === `_mta-sts.${domain}.`);
    const id = /^"v=STSv1; id=([a-z0-9]+)"$/.exec(txt?.value ?? '')?.[1];
    if (id === undefined) throw new Error(`no _mta-sts record: ${JSON.stringify(records)}`);
    return id;
  }

  it('serves the domain’s policy at mta-sts.<domain>, and a new id with every change of it', async () => {
    const domain = (await createDomain(root)).name as string;
    const first = await getWithHost(t.baseUrl, `mta-sts.${domain}`);
    expect(first.status).toBe(200);
    expect(first.type).toMatch(/^text\/plain/);
    expect(first.body).toBe(
      'version: STSv1\r\nmode: testing\r\nmx: smtp.yubin.test\r\nmax_age: 86400\r\n',
    );
    const firstId = await policyId(domain);

    // The same with a port, in another case and with the root dot.
    expect((await getWithHost(t.baseUrl, `MTA-STS.${domain.toUpperCase()}.:443`)).body).toBe(
      first.body,
    );

    await root.put(`${API}/domains/${domain}/dns-settings`, { body: { mtaStsMode: 'enforce' } });
    const enforce = await getWithHost(t.baseUrl, `mta-sts.${domain}`);
    expect(enforce.body).toContain('\r\nmode: enforce\r\n');
    const enforceId = await policyId(domain);
    expect(enforceId).not.toBe(firstId);

    await root.patch(`${API}/domains/${domain}`, { body: { mailHostname: `mx.${domain}` } });
    const moved = await getWithHost(t.baseUrl, `mta-sts.${domain}`);
    expect(moved.body).toContain(`\r\nmx: mx.${domain}\r\n`);
    const movedId = await policyId(domain);
    expect(new Set([firstId, enforceId, movedId]).size).toBe(3);

    // Unchanged policy, unchanged id.
    await root.put(`${API}/domains/${domain}/dns-settings`, {
      body: { mtaStsMode: 'enforce', dmarcPolicy: 'reject' },
    });
    expect(await policyId(domain)).toBe(movedId);
  });

  it('serves an internationalised domain at its punycode host', async () => {
    const domain = (await createDomain(root, { name: `${unique('ポリシー')}.例え.jp` }))
      .name as string;
    const answer = await getWithHost(t.baseUrl, `mta-sts.${domain}`);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatch(/^version: STSv1\r\n/);
  });

  it('answers 404 for any other host, an unknown or inactive domain, and the UI never answers', async () => {
    const domain = (await createDomain(root)).name as string;
    const inactive = (await createDomain(root, { active: false })).name as string;
    for (const host of [
      domain,
      `www.${domain}`,
      `mta-sts.${unique('nowhere')}.example`,
      `mta-sts.${inactive}`,
      'mta-sts.',
      '127.0.0.1',
      `mta-sts.${domain}.evil.example`,
    ]) {
      const answer = await getWithHost(t.baseUrl, host);
      expect({ host, status: answer.status }).toEqual({ host, status: 404 });
      expect(answer.type).toMatch(/^application\/problem\+json/);
      expect(answer.body).not.toContain('STSv1');
    }
    const api = await getWithHost(
      t.baseUrl,
      `mta-sts.${domain}`,
      '/api/v1/.well-known/mta-sts.txt',
    );
    expect(api.status).toBe(404);
  });
});
