import { TestBed } from '@angular/core/testing';
import { describe, expect, it, vi } from 'vitest';
import { CodeStep, normaliseCode } from './code-step';

describe(CodeStep.name, () => {
  function render(attemptsLeft?: number) {
    const fixture = TestBed.createComponent(CodeStep);
    fixture.componentRef.setInput('attemptsLeft', attemptsLeft);
    const submitted = vi.fn();
    const back = vi.fn();
    fixture.componentInstance.submitted.subscribe(submitted);
    fixture.componentInstance.back.subscribe(back);
    fixture.detectChanges();
    const element = fixture.nativeElement as HTMLElement;
    const type = (value: string) => {
      const input = element.querySelector<HTMLInputElement>('[data-testid="login-code"]')!;
      input.value = value;
      input.dispatchEvent(new Event('input'));
      element.querySelector<HTMLButtonElement>('[data-testid="login-code-submit"]')!.click();
      fixture.detectChanges();
    };
    const click = (id: string) => {
      element.querySelector<HTMLButtonElement>(`[data-testid="${id}"]`)!.click();
      fixture.detectChanges();
    };
    return { element, submitted, back, type, click };
  }

  it('sends a 6-digit code without spaces, and refuses a typo before it costs a try', () => {
    const { submitted, type } = render();
    type('12 34');
    expect(submitted).not.toHaveBeenCalled();
    type('123 456');
    expect(submitted).toHaveBeenCalledWith('123456');
  });

  it('takes a recovery code after switching to it', () => {
    const { element, submitted, type, click } = render();
    click('use-recovery-code');
    expect(element.textContent).toContain('Recovery code');
    type('k7mq2-vx9rt');
    expect(submitted).toHaveBeenCalledWith('k7mq2-vx9rt');
  });

  it('says how many tries are left, and goes back to the password', () => {
    const { element, back, click } = render(2);
    expect(element.querySelector('[data-testid="attempts-left"]')?.textContent).toContain(
      '2 tries left',
    );
    click('back-to-password');
    expect(back).toHaveBeenCalledOnce();
  });
});

describe(normaliseCode.name, () => {
  it('keeps a recovery code as typed and squeezes a TOTP code', () => {
    expect(normaliseCode(' 123 456 ', false)).toBe('123456');
    expect(normaliseCode(' K7MQ2 VX9RT ', true)).toBe('K7MQ2 VX9RT');
  });
});
