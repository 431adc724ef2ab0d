import { signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { MailboxPageDto, MailboxResponseDto } from '@yubin/api-client';
import { of } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DomainContext } from '../../domains/data/domain-context';
import { MailboxesApi } from '../data/mailboxes-api';
import DeletedMailboxesPage from './deleted-mailboxes.page';

const deleted = {
  address: 'old@example.com',
  localPart: 'old',
  domain: 'example.com',
  deletedAt: '2026-03-01T09:30:00.000Z',
} as MailboxResponseDto;

describe('DeletedMailboxesPage', () => {
  const list = vi.fn(() => of<MailboxPageDto>({ items: [deleted], nextCursor: null }));
  const settings = vi.fn(() =>
    Promise.resolve({
      defaultMailboxQuotaBytes: 0,
      mailboxRetentionDays: 30,
      mailHostnamesConfigured: true,
    }),
  );

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        { provide: MailboxesApi, useValue: { list, settings } },
        { provide: DomainContext, useValue: { domain: signal(null), refresh: () => undefined } },
      ],
    });
  });

  it('says when each deleted mailbox will be purged: its deletion plus the retention period', async () => {
    const fixture = TestBed.createComponent(DeletedMailboxesPage);
    fixture.componentRef.setInput('domain', 'example.com');
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    expect(element.textContent).toContain('Purged after');
    const cell = element.querySelector('[data-testid="purge-at"]')!.textContent.trim();
    // 30 days after 1 March 09:30 UTC, in the UI's time zone and format.
    expect(cell).toMatch(/Mar(ch)? 31, 2026/);
  });
});
