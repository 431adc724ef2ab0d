import { TestBed } from '@angular/core/testing';
import { describe, expect, it, vi } from 'vitest';
import { ApiTokensApi } from '../data/api-tokens-api';
import { CreateTokenForm } from './create-token-form';

function render() {
  const api = {
    domainNames: vi.fn((prefix: string) =>
      Promise.resolve(['alpha.test', 'alps.test', 'beta.test'].filter((n) => n.startsWith(prefix))),
    ),
    create: vi.fn(() =>
      Promise.resolve({ id: 'id-1', name: 'script', token: 'ybn_x', scopes: [], domains: null }),
    ),
  };
  TestBed.configureTestingModule({ providers: [{ provide: ApiTokensApi, useValue: api }] });
  const fixture = TestBed.createComponent(CreateTokenForm);
  fixture.detectChanges();
  const element = fixture.nativeElement as HTMLElement;
  return { fixture, element, api };
}

describe(CreateTokenForm.name, () => {
  it('limits a token to domains picked by type-ahead from those the admin manages', async () => {
    vi.useFakeTimers();
    try {
      const { fixture, element, api } = render();
      const input = element.querySelector<HTMLInputElement>('[data-testid="token-domains"]')!;
      expect(input).not.toBeNull();
      expect(element.textContent).toContain('Limit to domains');
      input.focus();
      input.value = 'al';
      input.dispatchEvent(new Event('input'));
      await vi.advanceTimersByTimeAsync(200);
      fixture.detectChanges();
      expect(api.domainNames).toHaveBeenLastCalledWith('al');
      const options = [...document.querySelectorAll<HTMLElement>('mat-option')];
      expect(options.map((option) => option.textContent.trim())).toEqual([
        'alpha.test',
        'alps.test',
      ]);
      options[1]!.click();
      fixture.detectChanges();
      const chips = [...element.querySelectorAll('mat-chip-row')];
      expect(chips.map((chip) => chip.textContent.replace('cancel', '').trim())).toEqual([
        'alps.test',
      ]);

      element.querySelector<HTMLInputElement>('[data-testid="token-name"]')!.value = 'script';
      element
        .querySelector<HTMLInputElement>('[data-testid="token-name"]')!
        .dispatchEvent(new Event('input'));
      element.querySelector<HTMLElement>('[data-testid="scope-mailboxes:read"] input')!.click();
      fixture.detectChanges();
      element.querySelector<HTMLFormElement>('form')!.dispatchEvent(new Event('submit'));
      await vi.advanceTimersByTimeAsync(0);
      expect(api.create).toHaveBeenCalledWith(
        expect.objectContaining({ name: 'script', domains: ['alps.test'] }),
        expect.any(String),
      );
    } finally {
      vi.useRealTimers();
    }
  });
});
