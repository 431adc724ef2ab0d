import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { MailHostnamesWarning } from './mail-hostnames-warning';

function render(configured: boolean | null): HTMLElement {
  const fixture = TestBed.createComponent(MailHostnamesWarning);
  fixture.componentRef.setInput('configured', configured);
  fixture.detectChanges();
  return fixture.nativeElement as HTMLElement;
}

describe(MailHostnamesWarning.name, () => {
  it('warns, naming the variable to set, while the mail host names are unset', () => {
    const alert = render(false).querySelector('[role="alert"]');
    expect(alert?.textContent).toContain('MAIL_HOSTNAME');
    expect(alert?.textContent).toContain('localhost');
  });

  it('says nothing once they are set, or before the server has answered', () => {
    expect(render(true).querySelector('[role="alert"]')).toBeNull();
    expect(render(null).querySelector('[role="alert"]')).toBeNull();
  });
});
