import { ADMIN, expect, signInAs, test, unique } from './support/fixtures.js';

test.describe('the API docs', () => {
  test('render under a strict Content-Security-Policy, and Try it out writes with the session', async ({
    page,
    securityViolations,
  }) => {
    // The page reports every violation (a blocked script, style, image or request) to the console.
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        console.error(
          `Content Security Policy violation: ${event.effectiveDirective} blocked ${event.blockedURI}`,
        );
      });
    });
    await signInAs(page.request, ADMIN);

    const response = await page.goto('/api/docs');
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'none'");
    // Every operation is rendered, so every script Swagger UI needs was allowed to run.
    const openApi = (await (await page.request.get('/api/docs-json')).json()) as {
      paths: Record<string, object>;
    };
    const operations = Object.values(openApi.paths).flatMap((item) => Object.keys(item));
    expect(operations.length).toBeGreaterThan(40);
    await expect(page.locator('.opblock')).toHaveCount(operations.length);

    const name = `${unique('docs')}.example`;
    const operation = page.locator('#operations-domains-createDomain');
    await operation.locator('.opblock-summary').click();
    await operation.getByRole('button', { name: 'Try it out' }).click();
    await operation.locator('textarea.body-param__text').fill(JSON.stringify({ name }));
    const [write] = await Promise.all([
      page.waitForResponse(
        (r) => r.url().endsWith('/api/v1/domains') && r.request().method() === 'POST',
      ),
      operation.getByRole('button', { name: 'Execute' }).click(),
    ]);
    expect(write.status(), await write.text()).toBe(201);
    expect(await write.request().headerValue('x-xsrf-token')).not.toBeNull();
    expect((await page.request.get(`/api/v1/domains/${name}`)).status()).toBe(200);
    expect(securityViolations).toEqual([]);

    // The listener hears a violation when there is one: an inline script is refused.
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
    });
    await expect.poll(() => securityViolations.length).toBeGreaterThan(0);
    expect(
      await page.evaluate(() => (window as { inlineRan?: boolean }).inlineRan),
    ).toBeUndefined();
  });
});
