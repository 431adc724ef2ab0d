import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from 'vitest';
import { Address } from './address';

describe(Address.name, () => {
  function render(address: string) {
    const fixture = TestBed.createComponent(Address);
    fixture.componentRef.setInput('address', address);
    fixture.detectChanges();
    return fixture.nativeElement as HTMLElement;
  }

  it('offers a line break only after the local part, and reads as the whole address', () => {
    const element = render('alice.tanaka@example.test');
    expect(element.textContent).toBe('alice.tanaka@example.test');
    const parts = [...element.querySelectorAll('.part')].map((part) => part.textContent);
    expect(parts).toEqual(['alice.tanaka', '@example.test']);
    expect(element.querySelectorAll('wbr')).toHaveLength(1);
    expect(element.querySelector('.part + wbr + .part')).not.toBeNull();
  });

  it('splits at the last @ (a quoted local part may hold one) and leaves a bare name whole', () => {
    expect(
      [...render('"a@b"@example.test').querySelectorAll('.part')].map((p) => p.textContent),
    ).toEqual(['"a@b"', '@example.test']);
    const bare = render('@example.test');
    expect(bare.textContent).toBe('@example.test');
    const plain = render('example.test');
    expect(plain.textContent).toBe('example.test');
    expect(plain.querySelectorAll('wbr')).toHaveLength(0);
  });

  it('shows an internationalised domain in Unicode, the stored punycode as its tooltip', () => {
    const element = render('alice@xn--r8jz45g.jp');
    expect(element.textContent).toBe('alice@例え.jp');
    expect(element.getAttribute('title')).toBe('alice@xn--r8jz45g.jp');
    const domain = render('xn--e28h.jp');
    expect(domain.textContent).toBe('😀.jp');
    expect(render('alice@example.test').hasAttribute('title')).toBe(false);
  });
});
