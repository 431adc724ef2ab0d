// eslint-disable-next-line no-restricted-imports -- the interceptor is tested under HttpClient itself
import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { firstValueFrom } from 'rxjs';
import { beforeEach, describe, expect, it } from 'vitest';
import { I18n } from '../i18n/i18n.service';
import { languageInterceptor } from './language.interceptor';

describe('languageInterceptor', () => {
  const language = signal<'en' | 'ja'>('en');

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([languageInterceptor])),
        provideHttpClientTesting(),
        { provide: I18n, useValue: { language } },
      ],
    });
  });

  async function headerFor(url: string): Promise<string | null> {
    const request = firstValueFrom(TestBed.inject(HttpClient).get(url));
    const sent = TestBed.inject(HttpTestingController).expectOne(url);
    const header = sent.request.headers.get('Accept-Language');
    sent.flush({});
    await request;
    return header;
  }

  it('asks the API in the language chosen in the UI, as it changes', async () => {
    language.set('ja');
    expect(await headerFor('/api/v1/me/diagnostics')).toBe('ja');
    language.set('en');
    expect(await headerFor('/api/v1/me/diagnostics')).toBe('en');
  });

  it('leaves other requests alone', async () => {
    language.set('ja');
    expect(await headerFor('/assets/logo.svg')).toBeNull();
  });
});
