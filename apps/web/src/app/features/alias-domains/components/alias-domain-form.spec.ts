import { TestBed } from '@angular/core/testing';
import type { AliasDomainResponseDto, CreateAliasDomainDto } from '@yubin/api-client';
import { describe, expect, it, vi } from 'vitest';
import { AliasDomainsApi } from '../data/alias-domains-api';
import { AliasDomainForm } from './alias-domain-form';

function render(
  create: AliasDomainsApi['create'],
  domainNames: AliasDomainsApi['domainNames'] = () => Promise.resolve([]),
) {
  TestBed.configureTestingModule({
    providers: [{ provide: AliasDomainsApi, useValue: { create, domainNames } }],
  });
  const fixture = TestBed.createComponent(AliasDomainForm);
  fixture.detectChanges();
  return { fixture, element: fixture.nativeElement as HTMLElement };
}

function type(element: HTMLElement, testId: string, value: string): void {
  const input = element.querySelector<HTMLInputElement>(`[data-testid="${testId}"]`)!;
  input.value = value;
  input.dispatchEvent(new Event('input'));
}

describe(AliasDomainForm.name, () => {
  it('starts clean again after a successful save: the emptied fields are not red', async () => {
    const create = vi.fn((body: CreateAliasDomainDto) =>
      Promise.resolve({ ...body, createdAt: '2026-01-01T00:00:00.000Z' } as AliasDomainResponseDto),
    );
    const { fixture, element } = render(create);
    type(element, 'alias-domain-name', 'example.jp');
    type(element, 'alias-domain-target', 'example.test');
    element.querySelector<HTMLButtonElement>('[data-testid="create-alias-domain"]')!.click();
    await fixture.whenStable();
    fixture.detectChanges();

    expect(create).toHaveBeenCalledOnce();
    expect(element.querySelectorAll('.mat-form-field-invalid')).toHaveLength(0);
    expect(element.querySelectorAll('mat-error')).toHaveLength(0);
  });

  it('still shows what is missing when sent empty', async () => {
    const create = vi.fn();
    const { fixture, element } = render(create);
    element.querySelector<HTMLButtonElement>('[data-testid="create-alias-domain"]')!.click();
    await fixture.whenStable();
    fixture.detectChanges();

    expect(create).not.toHaveBeenCalled();
    expect([...element.querySelectorAll('mat-error')].map((e) => e.textContent.trim())).toEqual([
      'Required.',
      'Required.',
    ]);
  });

  it('suggests the domains already in Yubin as the target is typed, and takes the one picked', async () => {
    vi.useFakeTimers();
    try {
      const domainNames = vi.fn((prefix: string) =>
        Promise.resolve(
          ['example.test', 'example.org', 'other.test'].filter((n) => n.startsWith(prefix)),
        ),
      );
      const create = vi.fn((body: CreateAliasDomainDto) =>
        Promise.resolve({
          ...body,
          createdAt: '2026-01-01T00:00:00.000Z',
        } as AliasDomainResponseDto),
      );
      const { fixture, element } = render(create, domainNames);
      const target = element.querySelector<HTMLInputElement>(
        '[data-testid="alias-domain-target"]',
      )!;
      target.focus();
      type(element, 'alias-domain-target', 'exa');
      await vi.advanceTimersByTimeAsync(200);
      fixture.detectChanges();
      expect(domainNames).toHaveBeenLastCalledWith('exa');
      const options = [...document.querySelectorAll<HTMLElement>('mat-option')];
      expect(options.map((option) => option.textContent.trim())).toEqual([
        'example.test',
        'example.org',
      ]);
      options[1]!.click();
      fixture.detectChanges();
      expect(target.value).toBe('example.org');
      type(element, 'alias-domain-name', 'example.jp');
      element.querySelector<HTMLButtonElement>('[data-testid="create-alias-domain"]')!.click();
      await vi.advanceTimersByTimeAsync(0);
      expect(create).toHaveBeenCalledWith(
        { name: 'example.jp', targetDomain: 'example.org' },
        expect.any(String),
      );
    } finally {
      vi.useRealTimers();
    }
  });
});
