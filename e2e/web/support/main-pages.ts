import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, signInAs, type SeedApi } from './fixtures.js';

/** A page to open, given what it shows (`void` when it needs nothing). */
export interface PageVisit<Context = void> {
  name: string;
  /** Opens the page and waits until it has finished loading. */
  open(page: Page, context: Context): Promise<void>;
}

export type MainPage = PageVisit;

/** What the main pages show: a domain with content and one of its mailboxes. */
export interface Showcase {
  domain: string;
  mailbox: string;
}

/** A domain with some mailboxes, an alias and a catch-all, so the pages have content. */
export async function seedShowcase(api: SeedApi): Promise<Showcase> {
  const { name: domain } = await api.createDomain({
    name: `tanaka-shoji-${Math.random().toString(36).slice(2, 7)}.example`,
    description: 'Sales team, Osaka office',
    maxMailboxes: 25,
    maxAliases: 50,
    quotaBytes: 200 * 1024 ** 3,
  });
  const people: [string, string][] = [
    ['alice.tanaka', 'Alice Tanaka'],
    ['bob.sato', 'Bob Sato'],
    ['chika.ito', '伊藤 千佳'],
  ];
  for (const [localPart, displayName] of people)
    await api.createMailbox(domain, { localPart, displayName });
  await api.createMailbox(domain, {
    localPart: 'old.account',
    displayName: 'Old Account',
    active: false,
    pop3Enabled: false,
  });
  await api.createAlias(domain, 'sales', [`alice.tanaka@${domain}`, `bob.sato@${domain}`]);
  await api.createAlias(domain, '', [`alice.tanaka@${domain}`]);
  // A signing key and a newer one waiting for DNS: the DNS tab lists both.
  await api.post(`/api/v1/domains/${domain}/dkim-keys`, { algorithm: 'rsa-2048' });
  await api.post(`/api/v1/domains/${domain}/dkim-keys/rotate`, { algorithm: 'ed25519' });
  return { domain, mailbox: 'alice.tanaka' };
}

async function settled(page: Page): Promise<void> {
  await expect(page.locator('yb-loading')).toHaveCount(0);
  await page.evaluate(() => document.fonts.ready);
}

function visit<Context = void>(
  name: string,
  path: (context: Context) => string,
  ready: (page: Page) => Promise<void>,
): PageVisit<Context> {
  return {
    name,
    open: async (page, context) => {
      await page.goto(path(context));
      await ready(page);
      await settled(page);
    },
  };
}

const h1 = (page: Page) => expect(page.getByRole('heading', { level: 1 })).toBeVisible();

/** Every main page of an administrator, each its own test so a slow or failing page is named. */
export const MAIN_PAGES: PageVisit<Showcase>[] = [
  visit('dashboard', () => '/', h1),
  visit(
    'domains',
    () => '/domains',
    (page) => expect(page.getByRole('table')).toBeVisible(),
  ),
  visit(
    'domain-new',
    () => '/domains/new',
    (page) => expect(page.getByTestId('domain-name')).toBeVisible(),
  ),
  visit('domain-overview', ({ domain }) => `/domains/${domain}`, h1),
  visit(
    'domain-dns',
    ({ domain }) => `/domains/${domain}/dns`,
    async (page) => {
      await expect(page.getByTestId('dkim-table').locator('tbody tr')).toHaveCount(2);
      await expect(page.locator('li[data-testid^="dns-record-"]').first()).toBeVisible();
      await expect(page.getByTestId('dns-publishing-form')).toBeVisible();
    },
  ),
  visit(
    'mailboxes',
    ({ domain }) => `/domains/${domain}/mailboxes`,
    (page) => expect(page.getByTestId('mailbox-table')).toBeVisible(),
  ),
  visit(
    'mailbox-new',
    ({ domain }) => `/domains/${domain}/mailboxes/new`,
    (page) => expect(page.getByTestId('local-part')).toBeVisible(),
  ),
  visit(
    'mailbox-detail',
    ({ domain, mailbox }) => `/domains/${domain}/mailboxes/${mailbox}`,
    (page) => expect(page.getByTestId('mailbox-address')).toBeVisible(),
  ),
  {
    name: 'mailbox-reset-dialog',
    open: async (page, { domain, mailbox }) => {
      await page.goto(`/domains/${domain}/mailboxes/${mailbox}`);
      await page.getByTestId('reset-password').click();
      await page.getByTestId('confirm-reset').click();
      await expect(page.getByTestId('secret')).toBeVisible();
      await settled(page);
    },
  },
  visit(
    'mailboxes-deleted',
    ({ domain }) => `/domains/${domain}/mailboxes/deleted`,
    async (page) => {
      await expect(
        page.getByRole('heading', { name: /^(Deleted mailboxes|削除したメールボックス)$/ }),
      ).toBeVisible();
      // The showcase deletes nothing: the list's empty state.
      await expect(
        page.getByRole('heading', {
          name: /^(No deleted mailboxes|削除したメールボックスはありません)$/,
        }),
      ).toBeVisible();
    },
  ),
  visit(
    'aliases',
    ({ domain }) => `/domains/${domain}/aliases`,
    (page) => expect(page.getByRole('table')).toBeVisible(),
  ),
  visit('alias-domains', () => '/alias-domains', h1),
  visit('api-tokens', () => '/api-tokens', h1),
  visit(
    'audit',
    () => '/audit',
    (page) => expect(page.getByTestId('audit-events')).toBeVisible(),
  ),
  visit(
    'admins',
    () => '/admins',
    (page) => expect(page.getByTestId('admin-table')).toBeVisible(),
  ),
  visit(
    'admin-grant',
    () => '/admins/new',
    (page) => expect(page.getByTestId('admin-email')).toBeVisible(),
  ),
  visit(
    'account',
    () => '/account',
    (page) => expect(page.getByTestId('two-factor-state')).toBeVisible(),
  ),
  visit(
    'account-sessions',
    () => '/account/sessions',
    (page) => expect(page.getByTestId('session-list')).toBeVisible(),
  ),
];

/** A mailbox user (no role) whose domain will require 2FA in two weeks, with an app password. */
export async function seedMailboxUser(api: SeedApi): Promise<{ email: string; password: string }> {
  // Required, with two weeks to go: the reminder shows on every page.
  const { name: domain } = await api.createDomain({
    name: `suzuki-${Math.random().toString(36).slice(2, 7)}.example`,
    twoFactorPolicy: 'required',
    twoFactorGraceDays: 14,
  });
  const password = 'Lantern-orchard-Kq7-ripple';
  const { address } = await api.createMailbox(domain, {
    localPart: 'hanako.suzuki',
    displayName: 'Hanako Suzuki',
    password,
  });
  await api.post(`/api/v1/mailboxes/${address}/app-passwords`, {
    name: 'iPhone Mail',
    protocols: ['imap', 'smtp'],
  });
  return { email: address, password };
}

/** My account as a mailbox user sees it, and the enrolment screen. */
export function mailboxUserPages(): MainPage[] {
  return [
    visit(
      'account-mailbox',
      () => '/account',
      async (page) => {
        await expect(page.getByTestId('password-card')).toBeVisible();
        await expect(page.getByTestId('two-factor-deadline')).toBeVisible();
        await expect(page.getByTestId('two-factor-due')).toHaveCount(0);
      },
    ),
    // Elsewhere, the reminder of the deadline shows above the page.
    visit(
      'account-mail-apps',
      () => '/account/mail-apps',
      async (page) => {
        await expect(page.getByTestId('app-password-table')).toBeVisible();
        await expect(page.getByTestId('two-factor-due')).toBeVisible();
      },
    ),
    {
      name: 'account-enrolment',
      open: async (page) => {
        await page.goto('/account');
        await page.getByTestId('enable-two-factor').click();
        await expect(page.getByTestId('totp-secret')).toBeVisible();
        await settled(page);
      },
    },
  ];
}

export const SCREENSHOT_DIR = join(new URL('..', import.meta.url).pathname, 'screenshots');

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`) });
}

/**
 * The sign-in steps a restricted session sees: the forced password change (after an admin
 * reset), then 2FA enrolment (the domain requires it at once). Signs the page in.
 */
export function signInSteps(api: SeedApi): MainPage[] {
  let xsrf = '';
  let temporary = '';
  return [
    {
      name: 'login-new-password',
      open: async (page) => {
        const { name: domain } = await api.createDomain({
          twoFactorPolicy: 'required',
          twoFactorGraceDays: 0,
        });
        const created = await api.createMailbox(domain, { displayName: 'Taro Yamada' });
        temporary = (created as unknown as { temporaryPassword: string }).temporaryPassword;
        xsrf = await signInAs(page.request, { email: created.address, password: temporary });
        await page.goto('/login');
        await expect(page.getByTestId('current-password')).toBeVisible();
        await settled(page);
      },
    },
    {
      name: 'login-enrol',
      open: async (page) => {
        const change = await page.request.post('/api/v1/me/password', {
          headers: { 'x-xsrf-token': xsrf },
          data: { currentPassword: temporary, newPassword: 'Maple-station-Kq7-drizzle' },
        });
        expect(change.status()).toBe(204);
        await page.goto('/login');
        await expect(page.getByTestId('totp-secret')).toBeVisible();
        await settled(page);
      },
    },
  ];
}
