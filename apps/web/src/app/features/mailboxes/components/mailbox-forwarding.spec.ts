import { ChangeDetectionStrategy, Component, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import {
  forwardingChanges,
  forwardingForm,
  forwardingValue,
  MailboxForwarding,
} from './mailbox-forwarding';

@Component({
  imports: [MailboxForwarding],
  template: `<yb-mailbox-forwarding [group]="group" [unknown]="unknown()" />`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
class Host {
  readonly group = forwardingForm();
  readonly unknown = signal<string[] | null>(null);
}

describe(MailboxForwarding.name, () => {
  async function render() {
    const fixture = TestBed.createComponent(Host);
    fixture.detectChanges();
    await fixture.whenStable();
    const element = fixture.nativeElement as HTMLElement;
    const summary = () =>
      element.querySelector('[data-testid="mailbox-forwarding-summary"]')!.textContent.trim();
    const type = async (text: string) => {
      const textarea = element.querySelector<HTMLTextAreaElement>(
        '[data-testid="mailbox-forward-to"]',
      )!;
      textarea.value = text;
      textarea.dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    const toggleKeepCopy = async () => {
      element.querySelector<HTMLInputElement>('[data-testid="mailbox-keep-copy"] input')!.click();
      await fixture.whenStable();
    };
    return { fixture, summary, type, toggleKeepCopy };
  }

  it('says where the mail goes as the form changes', async () => {
    const { fixture, summary, type, toggleKeepCopy } = await render();
    expect(summary()).toBe('Mail is delivered to this mailbox only.');
    await type('alice@example.org\nbob@example.com');
    expect(summary()).toBe('Mail is delivered to this mailbox and forwarded.');
    await toggleKeepCopy();
    expect(summary()).toBe('Mail is only forwarded: this mailbox receives nothing.');
    expect(forwardingChanges(fixture.componentInstance.group.getRawValue())).toEqual({
      forwardTo: ['alice@example.org', 'bob@example.com'],
      keepCopy: false,
    });
  });

  it('shows a mailbox’s forwarding one address a line, and sends back a list', () => {
    const value = forwardingValue({
      forwardTo: ['a@example.org', 'b@example.org'],
      keepCopy: true,
    });
    expect(value).toEqual({ forwardTo: 'a@example.org\nb@example.org', keepCopy: true });
    expect(forwardingChanges({ forwardTo: ' a@example.org, \n', keepCopy: true })).toEqual({
      forwardTo: ['a@example.org'],
      keepCopy: true,
    });
  });

  it('warns of forwarding addresses nothing receives, named in Unicode, only while there are some', async () => {
    const { fixture } = await render();
    const element = fixture.nativeElement as HTMLElement;
    const warning = () => element.querySelector('[data-testid="unknown-forward-to"]');
    expect(warning()).toBeNull();
    fixture.componentInstance.unknown.set(['typo@xn--r8jz45g.jp', 'nobody@example.com']);
    fixture.detectChanges();
    expect(warning()!.getAttribute('role')).toBe('alert');
    expect(warning()!.textContent).toContain('typo@例え.jp, nobody@example.com');
    expect(warning()!.textContent).toContain('mail forwarded to it would bounce');
    fixture.componentInstance.unknown.set(null);
    fixture.detectChanges();
    expect(warning()).toBeNull();
  });
});
