import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { I18n } from '../i18n/i18n.service';
import { Session } from './session';
import { signedInUser } from '../../testing/users';

const USER = signedInUser({
  id: 'a1',
  kind: 'admin',
  email: 'ops@example.com',
  role: 'superadmin',
});

describe(Session.name, () => {
  let session: Session;
  let i18n: I18n;
  let http: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
    session = TestBed.inject(Session);
    i18n = TestBed.inject(I18n);
    http = TestBed.inject(HttpTestingController);
    await i18n.use('en');
  });

  it('switches the UI to the language kept with the account, on this browser too', async () => {
    const loaded = session.ensure();
    http
      .expectOne((request) => request.url.endsWith('/api/v1/me'))
      .flush({ ...USER, language: 'ja' });
    await loaded;
    await expect.poll(() => i18n.language()).toBe('ja');
    expect(localStorage.getItem('yubin.language')).toBe('ja');
  });

  it('leaves the browser’s language alone for an account that chose none', async () => {
    session.signedIn(USER);
    await Promise.resolve();
    expect(i18n.language()).toBe('en');
  });

  it('keeps the browser’s language for one the UI does not speak', async () => {
    session.signedIn({ ...USER, language: 'fr' as never });
    await Promise.resolve();
    expect(i18n.language()).toBe('en');
  });

  it('keeps a chosen language with the account and shows the answer', async () => {
    session.signedIn(USER);
    const saved = session.saveLanguage('ja');
    const request = http.expectOne((r) => r.url.endsWith('/api/v1/me') && r.method === 'PATCH');
    expect(request.request.body).toEqual({ language: 'ja' });
    request.flush({ ...USER, language: 'ja', effectiveLanguage: 'ja' });
    await saved;
    expect(session.user()?.language).toBe('ja');
  });
});
