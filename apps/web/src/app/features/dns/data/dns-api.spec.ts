import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from 'vitest';
import { DnsApi } from './dns-api';

describe(DnsApi.name, () => {
  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting()],
    });
  });

  async function publishingAnswered(status: number, body: object | null, etag: string) {
    const answer = TestBed.inject(DnsApi).publishing('example.com');
    TestBed.inject(HttpTestingController)
      .expectOne((request) => request.url.endsWith('/api/v1/domains/example.com/dns-publishing'))
      .flush(body, { status, statusText: String(status), headers: { ETag: etag } });
    return answer;
  }

  it('reads "nothing set up" from a 204, with the ETag a first save sends', async () => {
    expect(await publishingAnswered(204, null, '"0"')).toEqual({ value: null, etag: '"0"' });
  });

  it('reads the settings and their ETag from a 200', async () => {
    const settings = {
      server: 'ns1.example.net:53',
      zone: 'example.com',
      tsigKeyName: 'yubin',
      tsigAlgorithm: 'hmac-sha256',
      hasTsigSecret: true,
      updatedAt: '2026-12-01T00:00:00.000Z',
    };
    expect(await publishingAnswered(200, settings, '"3"')).toEqual({
      value: settings,
      etag: '"3"',
    });
  });
});
