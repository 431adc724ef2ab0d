import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { CreateAppPasswordDto, CreatedAppPasswordResponseDto } from '@yubin/api-client';
import { describe, expect, it, vi } from 'vitest';
import type { AppPasswordSource } from '../data/app-password-source';
import { appPasswordForm, AppPasswordFormComponent, appPasswordRequest } from './app-password-form';

function created(body: CreateAppPasswordDto): CreatedAppPasswordResponseDto {
  return {
    id: 'a1',
    name: body.name,
    protocols: body.protocols,
    expiresAt: body.expiresAt ?? null,
    expired: false,
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'self',
    lastUsedAt: null,
    password: 'abcd-efgh-ijkl-mnop',
  };
}

describe(appPasswordRequest.name, () => {
  it('sends the chosen protocols in a stable order, and no expiry for “never”', () => {
    const form = appPasswordForm();
    form.patchValue({ name: '  Phone  ', protocols: { imap: false, pop3: true, smtp: true } });
    expect(appPasswordRequest(form)).toEqual({ name: 'Phone', protocols: ['pop3', 'smtp'] });
  });

  it('turns “in 30 days” into a date', () => {
    const form = appPasswordForm();
    form.patchValue({ name: 'Laptop', expiryDays: 30 });
    expect(appPasswordRequest(form, new Date('2026-01-01T00:00:00.000Z'))).toEqual({
      name: 'Laptop',
      protocols: ['imap', 'smtp'],
      expiresAt: '2026-01-31T00:00:00.000Z',
    });
  });

  it('needs a name and at least one protocol', () => {
    const form = appPasswordForm();
    expect(form.controls.name.hasError('required')).toBe(true);
    form.patchValue({ name: 'x', protocols: { imap: false, pop3: false, smtp: false } });
    expect(form.controls.protocols.hasError('protocols')).toBe(true);
    expect(form.valid).toBe(false);
  });
});

describe(AppPasswordFormComponent.name, () => {
  function render(create: AppPasswordSource['create']) {
    const source: AppPasswordSource = {
      list: () => Promise.resolve([]),
      create,
      remove: () => Promise.resolve(),
    };
    const fixture = TestBed.createComponent(AppPasswordFormComponent);
    fixture.componentRef.setInput('source', source);
    const done = vi.fn();
    fixture.componentInstance.created.subscribe(done);
    fixture.detectChanges();
    return { fixture, element: fixture.nativeElement as HTMLElement, done };
  }

  async function submit(fixture: ReturnType<typeof render>['fixture'], name: string) {
    const element = fixture.nativeElement as HTMLElement;
    const input = element.querySelector<HTMLInputElement>('[data-testid="app-password-name"]')!;
    input.value = name;
    input.dispatchEvent(new Event('input'));
    element.querySelector<HTMLButtonElement>('[data-testid="create-app-password"]')!.click();
    await fixture.whenStable();
    fixture.detectChanges();
  }

  it('creates one with a fresh idempotency key and hands over the password', async () => {
    const create = vi.fn((body: CreateAppPasswordDto) => Promise.resolve(created(body)));
    const { fixture, done } = render(create);
    await submit(fixture, 'Thunderbird');
    expect(create).toHaveBeenCalledWith(
      { name: 'Thunderbird', protocols: ['imap', 'smtp'] },
      expect.stringMatching(/^[0-9a-f-]{36}$/),
    );
    expect(done).toHaveBeenCalledWith(expect.objectContaining({ password: 'abcd-efgh-ijkl-mnop' }));
  });

  it('does not send without a name', async () => {
    const create = vi.fn();
    const { fixture } = render(create);
    await submit(fixture, '   ');
    expect(create).not.toHaveBeenCalled();
  });

  it('puts a refused expiry on the expiry field', async () => {
    const create = vi.fn<AppPasswordSource['create']>().mockRejectedValue(
      new HttpErrorResponse({
        status: 422,
        error: {
          type: 'x',
          title: 'x',
          status: 422,
          code: 'VALIDATION_FAILED',
          errors: [{ field: 'expiresAt', code: 'inThePast', message: 'x' }],
        },
      }),
    );
    const { fixture, element, done } = render(create);
    await submit(fixture, 'Phone');
    expect(element.querySelector('mat-error')?.textContent).toContain(
      'Choose a date in the future.',
    );
    expect(done).not.toHaveBeenCalled();
  });

  it('says above the form when the mailbox has too many, and retries with a new key', async () => {
    const create = vi.fn<AppPasswordSource['create']>().mockRejectedValue(
      new HttpErrorResponse({
        status: 409,
        error: { type: 'x', title: 'x', status: 409, code: 'APP_PASSWORD_LIMIT_REACHED' },
      }),
    );
    const { fixture, element } = render(create);
    await submit(fixture, 'Phone');
    expect(element.querySelector('[role="alert"]')?.textContent).toContain(
      'as many app passwords as allowed',
    );
    await submit(fixture, 'Phone');
    expect(create).toHaveBeenCalledTimes(2);
    // Each attempt is a new request, not a replay of the first.
    expect(create.mock.calls[0]?.[1]).not.toBe(create.mock.calls[1]?.[1]);
  });
});
