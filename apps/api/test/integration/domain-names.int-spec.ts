import type { ApiClient } from '../support/api-client.js';
import { createDomain, unique } from '../support/factory.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

/** IDNA2008 wherever a domain name is accepted: one rule, one code per reason. */
describe('domain names (IDNA2008)', () => {
  let t: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await t.superadmin();
  });
  afterAll(() => t.close());

  const fieldErrors = (body: any): { field: string; code: string; message: string }[] =>
    body.errors as { field: string; code: string; message: string }[];

  it.each([
    ['an emoji', '😀.jp', 'domainDisallowedCharacter', 'name must not contain "😀" (U+1F600)'],
    ['an emoji as punycode', 'xn--e28h.jp', 'domainDisallowedCharacter', 'U+1F600'],
    ['a symbol', '☃.example', 'domainDisallowedCharacter', '"☃" (U+2603)'],
    ['a joiner out of context', 'a\u200db.example', 'domainContextRule', 'U+200D'],
    ['mixed directions', '\u05d0a.example', 'domainBidi', 'Bidi'],
    ['bad punycode', 'xn--a.example', 'domainInvalidPunycode', 'xn--a'],
    ['a 64-character label', `${'a'.repeat(64)}.example`, 'domainLabelTooLong', '63'],
    ['a 295-character name', `${'abcdefghi.'.repeat(29)}jp`, 'domainTooLong', '253'],
    ['a hyphen at the end of a label', 'bad-.example', 'domainHyphen', 'hyphen'],
  ])('refuses %s as a domain with 422 %s', async (_what, name, code, message) => {
    const response = await admin.post('/api/v1/domains', { body: { name } });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    expect(fieldErrors(response.body)).toEqual([
      { field: 'name', code, message: expect.stringContaining(message) },
    ]);
  });

  it('keeps accepting Japanese names, ASCII names and their punycode', async () => {
    const label = `例え${unique('')}`;
    const unicode = await admin.post('/api/v1/domains', { body: { name: `${label}.jp` } });
    expect(unicode.status).toBe(201);
    expect(unicode.body.unicodeName).toBe(`${label}.jp`);
    const again = await admin.post('/api/v1/domains', { body: { name: unicode.body.name } });
    expect(again.status).toBe(409);
    const ascii = await admin.post('/api/v1/domains', { body: { name: `${unique('d')}.EXAMPLE` } });
    expect(ascii.status).toBe(201);
  });

  it('refuses emoji in alias domains, on either side', async () => {
    const target = await createDomain(admin);
    const response = await admin.post('/api/v1/alias-domains', {
      body: { name: '😀.example', targetDomain: target.name },
    });
    expect(response.status).toBe(422);
    expect(fieldErrors(response.body)).toEqual([
      expect.objectContaining({ field: 'name', code: 'domainDisallowedCharacter' }),
    ]);
  });

  it("refuses emoji in an alias destination's domain, naming the item", async () => {
    const domain = await createDomain(admin);
    const response = await admin.post(`/api/v1/domains/${domain.name}/aliases`, {
      body: { localPart: unique('a'), destinations: ['ok@example.org', 'bob@😀.example'] },
    });
    expect(response.status).toBe(422);
    expect(fieldErrors(response.body)).toEqual([
      {
        field: 'destinations.1',
        code: 'domainDisallowedCharacter',
        message: expect.stringContaining('destinations.1 has a domain that must not contain "😀"'),
      },
    ]);
  });

  it("normalises a token's domain list and refuses an emoji in it, naming the item", async () => {
    const label = `例え${unique('')}`;
    const domain = await createDomain(admin, { name: `${label}.jp` });
    const created = await admin.post('/api/v1/api-tokens', {
      body: { name: unique('t'), scopes: ['domains:read'], domains: [`${label}.JP`] },
    });
    expect(created.status).toBe(201);
    expect(created.body.domains).toEqual([domain.name]);

    const refused = await admin.post('/api/v1/api-tokens', {
      body: { name: unique('t'), scopes: ['domains:read'], domains: [domain.name, '😀.jp'] },
    });
    expect(refused.status).toBe(422);
    expect(fieldErrors(refused.body)).toEqual([
      expect.objectContaining({ field: 'domains.1', code: 'domainDisallowedCharacter' }),
    ]);
  });
});
