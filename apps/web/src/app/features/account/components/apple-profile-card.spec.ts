import { TestBed } from '@angular/core/testing';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AccountApi } from '../data/account-api';
import { AppleProfileCard } from './apple-profile-card';

const { createObjectURL, revokeObjectURL } = URL;

describe(AppleProfileCard.name, () => {
  const appleProfile = vi.fn<(withAppPassword: boolean) => Promise<Blob>>();
  const saved: { name: string; href: string }[] = [];

  beforeEach(() => {
    appleProfile.mockReset();
    appleProfile.mockResolvedValue(new Blob(['<plist/>']));
    saved.length = 0;
    // jsdom has no object URLs; the click on the link is what a browser saves.
    URL.createObjectURL = () => 'blob:profile';
    URL.revokeObjectURL = () => undefined;
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (
      this: HTMLAnchorElement,
    ) {
      saved.push({ name: this.download, href: this.href });
    });
    TestBed.configureTestingModule({
      providers: [{ provide: AccountApi, useValue: { appleProfile } }],
    });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    URL.createObjectURL = createObjectURL;
    URL.revokeObjectURL = revokeObjectURL;
  });

  async function render(appPasswordRequired: boolean) {
    const fixture = TestBed.createComponent(AppleProfileCard);
    fixture.componentRef.setInput('username', 'hanako@example.com');
    fixture.componentRef.setInput('appPasswordRequired', appPasswordRequired);
    fixture.detectChanges();
    await fixture.whenStable();
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    return { fixture, element };
  }

  it('puts an app password inside by default with two-step sign-in on, and saves the file', async () => {
    const { fixture, element } = await render(true);
    expect(
      element.querySelector<HTMLInputElement>('[data-testid="apple-with-app-password"] input')
        ?.checked,
    ).toBe(true);
    expect(element.textContent).toContain('delete it afterwards');
    element.querySelector<HTMLButtonElement>('[data-testid="apple-profile-download"]')?.click();
    await fixture.whenStable();
    expect(appleProfile).toHaveBeenCalledWith(true);
    expect(saved).toEqual([{ name: 'hanako@example.com.mobileconfig', href: 'blob:profile' }]);
  });

  it('leaves the password out without two-step sign-in', async () => {
    const { fixture, element } = await render(false);
    element.querySelector<HTMLButtonElement>('[data-testid="apple-profile-download"]')?.click();
    await fixture.whenStable();
    expect(appleProfile).toHaveBeenCalledWith(false);
  });
});
