import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { ConnectionSettingsCard, type ConnectionSettings } from './connection-settings-card';

const SETTINGS: ConnectionSettings = {
  username: 'alice@example.com',
  incoming: [
    { protocol: 'imap', host: 'mail.example.com', port: 993, security: 'tls' },
    { protocol: 'pop3', host: 'mail.example.com', port: 995, security: 'tls' },
  ],
  outgoing: [
    { protocol: 'smtp', host: 'mail.example.com', port: 587, security: 'starttls' },
    { protocol: 'smtp', host: 'mail.example.com', port: 465, security: 'tls' },
  ],
  appPasswordRequired: false,
};

describe(ConnectionSettingsCard.name, () => {
  it('shows the user name and every server, port and security setting', () => {
    const fixture = TestBed.createComponent(ConnectionSettingsCard);
    fixture.componentRef.setInput('settings', SETTINGS);
    fixture.detectChanges();
    const rows = [...(fixture.nativeElement as HTMLElement).querySelectorAll('tbody tr')].map(
      (row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent.trim()),
    );
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('alice@example.com');
    expect(rows.map((row) => [row[0], row[2], row[3]])).toEqual([
      ['IMAP', '993', 'SSL/TLS'],
      ['POP3', '995', 'SSL/TLS'],
      ['SMTP', '587', 'STARTTLS'],
      ['SMTP', '465', 'SSL/TLS'],
    ]);
    expect(rows.every((row) => row[1]?.startsWith('mail.example.com'))).toBe(true);
  });

  it('asks for an app password when two-factor sign-in is on', () => {
    const fixture = TestBed.createComponent(ConnectionSettingsCard);
    fixture.componentRef.setInput('settings', { ...SETTINGS, appPasswordRequired: true });
    fixture.detectChanges();
    expect((fixture.nativeElement as HTMLElement).textContent).toContain('An app password');
  });

  it('explains IMAP and POP3, each port, and why not port 25', () => {
    const fixture = TestBed.createComponent(ConnectionSettingsCard);
    fixture.componentRef.setInput('settings', SETTINGS);
    fixture.detectChanges();
    const text = (fixture.nativeElement as HTMLElement).querySelector(
      '[data-testid="connection-explain"]',
    )?.textContent;
    for (const fact of [
      'IMAP keeps your mail',
      'POP3 downloads',
      '993',
      '995',
      '587',
      'STARTTLS',
      '465',
      'Not port 25',
    ])
      expect(text).toContain(fact);
  });
});
