// eslint-disable-next-line no-restricted-imports -- the interceptor is tested under HttpClient itself
import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { firstValueFrom } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Session } from '../auth/session';
import { sessionExpiredInterceptor } from './session-expired.interceptor';

describe('sessionExpiredInterceptor', () => {
  const clear = vi.fn();
  const refresh = vi.fn(() => Promise.resolve(null));

  beforeEach(() => {
    clear.mockReset();
    refresh.mockClear();
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(withInterceptors([sessionExpiredInterceptor])),
        provideHttpClientTesting(),
        {
          provide: Session,
          useValue: { user: signal({ email: 'a@example.com' }), clear, refresh },
        },
      ],
    });
  });

  async function fail(url: string, status: number, code: string, responseType: 'json' | 'text') {
    const http = TestBed.inject(HttpClient);
    const navigate = vi.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);
    const request = firstValueFrom(
      http.delete(url, { responseType: responseType as 'json' }),
    ).catch(() => undefined);
    const body = { type: 'x', title: 'x', status, code };
    TestBed.inject(HttpTestingController)
      .expectOne(url)
      .flush(responseType === 'text' ? JSON.stringify(body) : body, { status, statusText: 'x' });
    await request;
    await Promise.resolve();
    return navigate;
  }

  it('sends an ended session to sign-in', async () => {
    const navigate = await fail('/api/v1/domains/x', 401, 'UNAUTHENTICATED', 'json');
    expect(clear).toHaveBeenCalledOnce();
    expect(navigate).toHaveBeenCalledWith(['/login'], expect.anything());
  });

  it('leaves a wrong code or password to the form that sent it', async () => {
    const navigate = await fail('/api/v1/me/2fa', 401, 'INVALID_MFA_CODE', 'text');
    expect(clear).not.toHaveBeenCalled();
    expect(navigate).not.toHaveBeenCalled();
  });

  it('sends a session that became restricted to its step', async () => {
    await fail('/api/v1/domains', 403, 'PASSWORD_CHANGE_REQUIRED', 'text');
    expect(refresh).toHaveBeenCalledOnce();
    expect(clear).not.toHaveBeenCalled();
  });
});
