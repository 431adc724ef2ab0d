import { Clipboard } from '@angular/cdk/clipboard';
import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatDialog } from '@angular/material/dialog';
import type { CreateDkimKeyDto, DkimKeyResponseDto, DkimKeysResponseDto } from '@yubin/api-client';
import { of, type Observable } from 'rxjs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Session } from '../../../core/auth/session';
import { DkimApi, type VersionedDkimSettings } from '../data/dkim-api';
import { DkimKeysCard } from './dkim-keys-card';
import { dkimSchedule } from '../../../testing/dkim';

function key(overrides: Partial<DkimKeyResponseDto>): DkimKeyResponseDto {
  const selector = overrides.selector ?? 'y2026q4a';
  return {
    selector,
    algorithm: 'rsa-2048',
    state: 'active',
    publicKey: 'MIIBIjAN',
    dnsName: `${selector}._domainkey.example.com.`,
    dnsValue: '"v=DKIM1; k=rsa; p=MIIBIjAN"',
    createdAt: '2026-10-01T09:00:00.000Z',
    activatedAt: '2026-10-01T09:00:00.000Z',
    retiringAt: null,
    retireAfter: null,
    retiredAt: null,
    rotatesAt: null,
    firstSignedAt: null,
    ...overrides,
  };
}

const ROTATING: DkimKeysResponseDto = {
  keys: [
    key({ selector: 'y2026q4b', state: 'published', algorithm: 'ed25519', activatedAt: null }),
    key({ selector: 'y2026q4a' }),
    key({
      selector: 'y2026q3a',
      state: 'retiring',
      retiringAt: '2026-11-20T09:00:00.000Z',
      retireAfter: '2026-11-27T09:00:00.000Z',
    }),
    key({
      selector: 'y2026q2a',
      state: 'retired',
      retiringAt: '2026-08-01T09:00:00.000Z',
      retireAfter: '2026-08-08T09:00:00.000Z',
      retiredAt: '2026-08-08T10:00:00.000Z',
    }),
  ],
};

const schedule = dkimSchedule;

describe(DkimKeysCard.name, () => {
  const list = vi.fn<(domain: string) => Promise<DkimKeysResponseDto>>();
  const create =
    vi.fn<
      (
        domain: string,
        body: CreateDkimKeyDto,
        idempotencyKey: string,
      ) => Promise<DkimKeyResponseDto>
    >();
  const rotate = vi.fn<(domain: string, idempotencyKey: string) => Promise<DkimKeyResponseDto>>();
  const settings = vi.fn<(domain: string) => Promise<VersionedDkimSettings>>();
  const copy = vi.fn<(text: string) => boolean>();
  const answer = vi.fn<() => boolean>();
  const open =
    vi.fn<
      (
        component: unknown,
        config: { data: { message: string } },
      ) => { afterClosed: () => Observable<boolean> }
    >();
  let permissions: string[];

  beforeEach(() => {
    for (const mock of [list, create, rotate, settings, copy, answer, open]) mock.mockReset();
    settings.mockResolvedValue({ value: schedule(null, null, 7), etag: '"0"' });
    open.mockImplementation(() => ({ afterClosed: () => of(answer()) }));
    permissions = ['domains:read', 'domains:write'];
    TestBed.configureTestingModule({
      providers: [
        { provide: DkimApi, useValue: { list, create, rotate, settings } },
        { provide: Session, useValue: { can: (p: string) => permissions.includes(p) } },
        { provide: MatDialog, useValue: { open } },
        { provide: Clipboard, useValue: { copy } },
      ],
    });
  });

  async function render() {
    const fixture = TestBed.createComponent(DkimKeysCard);
    fixture.componentRef.setInput('domain', 'example.com');
    const changed = vi.fn();
    fixture.componentInstance.changed.subscribe(changed);
    const element = fixture.nativeElement as HTMLElement;
    // An action's result lands a few promise turns after its click (dialog, API, reload).
    const settle = async () => {
      for (let turn = 0; turn < 6; turn++) {
        fixture.detectChanges();
        await fixture.whenStable();
      }
      fixture.detectChanges();
    };
    await settle();
    const byTestId = (testId: string, root: ParentNode = element) =>
      root.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    const row = (selector: string) => {
      const found = byTestId(`dkim-key-${selector}`);
      if (found === null) throw new Error(`no row for ${selector}`);
      return found;
    };
    return { element, settle, byTestId, row, changed };
  }

  it('says where each key is in the rotation, with the date of its next step', async () => {
    list.mockResolvedValue(ROTATING);
    const { row, byTestId } = await render();
    expect(list).toHaveBeenCalledWith('example.com');

    const waiting = row('y2026q4b');
    expect(waiting.textContent).toContain('Published, waiting to be seen in DNS');
    expect(waiting.textContent).toContain('Ed25519');
    expect(byTestId('dkim-next', waiting)?.textContent).toContain(
      'Signs once verification sees its record in DNS',
    );

    const signing = row('y2026q4a');
    expect(byTestId('dkim-state-active', signing)?.textContent).toContain('Signing');
    expect(signing.textContent).toContain('RSA 2048');
    expect(signing.querySelector('[data-label="Signing since"]')?.textContent).toContain(
      'Oct 1, 2026',
    );
    expect(byTestId('dkim-next', signing)?.textContent).toContain('Signs until the next rotation');

    const retiring = row('y2026q3a');
    expect(byTestId('dkim-state-retiring', retiring)?.textContent).toContain(
      'Retiring: still published until Nov 27, 2026',
    );
    expect(byTestId('dkim-next', retiring)?.textContent).toContain('Record withdrawn Nov 27, 2026');

    const retired = row('y2026q2a');
    expect(byTestId('dkim-state-retired', retired)?.textContent).toContain('Retired');
    expect(byTestId('dkim-next', retired)?.textContent).toContain('Retired Aug 8, 2026');
    // A retired key's record has left DNS: nothing to copy.
    expect(byTestId('dkim-copy-value', retired)).toBeNull();

    // Every column but the first is labelled for the phone layout.
    for (const cell of Array.from(signing.querySelectorAll('td')).slice(1)) {
      expect(cell.getAttribute('data-label')).toBeTruthy();
    }
  });

  it('shows the next rotation from rotatesAt and when each key first signed', async () => {
    list.mockResolvedValue({
      keys: [
        key({
          selector: 'a',
          rotatesAt: '2027-04-01T00:00:00.000Z',
          firstSignedAt: '2026-10-02T08:00:00.000Z',
        }),
        key({ selector: 'b', state: 'published', activatedAt: null }),
      ],
    });
    const { row, byTestId } = await render();
    expect(byTestId('dkim-next', row('a'))?.textContent).toContain('Next rotation Apr 1, 2027');
    expect(byTestId('dkim-first-signed', row('a'))?.textContent.trim()).toBe(
      'First signed Oct 2, 2026',
    );
    // A key that has signed nothing yet says nothing about it.
    expect(byTestId('dkim-first-signed', row('b'))).toBeNull();
  });

  it('copies a key’s record', async () => {
    list.mockResolvedValue(ROTATING);
    const { row, byTestId } = await render();
    byTestId('dkim-copy-value', row('y2026q4b'))?.click();
    expect(copy).toHaveBeenCalledWith('"v=DKIM1; k=rsa; p=MIIBIjAN"');
    byTestId('dkim-copy-name', row('y2026q4b'))?.click();
    expect(copy).toHaveBeenLastCalledWith('y2026q4b._domainkey.example.com.');
  });

  it('hides creating and rotating from those who may only read the domain', async () => {
    permissions = ['domains:read'];
    list.mockResolvedValue(ROTATING);
    const { element, byTestId } = await render();
    expect(element.querySelectorAll('[data-testid^="dkim-key-"]')).toHaveLength(4);
    expect(byTestId('dkim-create')).toBeNull();
    expect(byTestId('dkim-rotate')).toBeNull();
    // Copying the record needs no right to change anything.
    expect(element.querySelectorAll('[data-testid="dkim-copy-value"]')).toHaveLength(3);
  });

  it('creates a key with the chosen type and selector, then reloads the keys and the records', async () => {
    list.mockResolvedValueOnce({ keys: [] });
    const { element, settle, byTestId, changed } = await render();
    expect(element.textContent).toContain('No DKIM key yet');
    // Nothing to rotate from yet.
    expect((byTestId('dkim-rotate') as HTMLButtonElement | null)?.disabled).toBe(true);

    byTestId('dkim-create')?.click();
    await settle();
    const selector = element.querySelector<HTMLInputElement>('[data-testid="dkim-selector"]');
    if (selector === null) throw new Error('no selector field');
    selector.value = ' Mail2026 ';
    selector.dispatchEvent(new Event('input'));
    create.mockResolvedValueOnce(key({ selector: 'mail2026' }));
    list.mockResolvedValueOnce({ keys: [key({ selector: 'mail2026' })] });
    byTestId('dkim-create-form')?.dispatchEvent(new Event('submit'));
    await settle();

    expect(create).toHaveBeenCalledWith(
      'example.com',
      { algorithm: 'rsa-2048', selector: 'mail2026' },
      expect.any(String),
    );
    expect(changed).toHaveBeenCalledTimes(1);
    expect(byTestId('dkim-message')?.textContent).toContain('Key mail2026 created');
    expect(byTestId('dkim-key-mail2026')).not.toBeNull();
    expect(byTestId('dkim-create-form')).toBeNull();
  });

  it('puts a refused selector’s reason next to the field, in the user’s words', async () => {
    list.mockResolvedValue({ keys: [key({})] });
    const { element, settle, byTestId, changed } = await render();
    byTestId('dkim-create')?.click();
    await settle();
    const selector = element.querySelector<HTMLInputElement>('[data-testid="dkim-selector"]');
    if (selector === null) throw new Error('no selector field');
    selector.value = 'y2026q4a';
    selector.dispatchEvent(new Event('input'));
    create.mockRejectedValueOnce(
      new HttpErrorResponse({
        status: 409,
        error: {
          type: 'urn:yubin:problem:dkim-selector-taken',
          title: 'Conflict',
          status: 409,
          code: 'DKIM_SELECTOR_TAKEN',
          errors: [
            { field: 'selector', code: 'selectorTaken', message: 'This selector is taken.' },
          ],
        },
      }),
    );
    byTestId('dkim-create-form')?.dispatchEvent(new Event('submit'));
    await settle();

    expect(byTestId('dkim-create-form')?.textContent).toContain(
      'This domain already has a key with this selector.',
    );
    expect(changed).not.toHaveBeenCalled();
  });

  it('rotates only after the dialog has said what rotation does', async () => {
    list.mockResolvedValue({ keys: [key({})] });
    settings.mockResolvedValue({ value: schedule(182, 3, 3), etag: '"2"' });
    const { settle, byTestId, changed } = await render();

    answer.mockReturnValueOnce(false);
    byTestId('dkim-rotate')?.click();
    await settle();
    expect(open).toHaveBeenCalledTimes(1);
    expect(open.mock.calls[0]?.[1].data.message).toContain(
      'once verification sees it in DNS, the new key signs',
    );
    // The domain's own overlap, not the general default.
    expect(open.mock.calls[0]?.[1].data.message).toContain(
      'The current key stays published for 3 days after the switch',
    );
    expect(rotate).not.toHaveBeenCalled();

    answer.mockReturnValueOnce(true);
    rotate.mockResolvedValueOnce(key({ selector: 'y2026q4b', state: 'published' }));
    byTestId('dkim-rotate')?.click();
    await settle();
    expect(rotate).toHaveBeenCalledWith('example.com', expect.any(String));
    expect(changed).toHaveBeenCalledTimes(1);
    expect(byTestId('dkim-message')?.textContent).toContain('Key y2026q4b published');

    answer.mockReturnValueOnce(true);
    rotate.mockRejectedValueOnce(
      new HttpErrorResponse({
        status: 409,
        error: {
          type: 'urn:yubin:problem:dkim-rotation-in-progress',
          title: 'Conflict',
          status: 409,
          code: 'DKIM_ROTATION_IN_PROGRESS',
        },
      }),
    );
    byTestId('dkim-rotate')?.click();
    await settle();
    expect(rotate).toHaveBeenCalledTimes(2);
    expect(byTestId('dkim-error')?.textContent).toContain(
      'A new key is already waiting to be seen in DNS',
    );
  });
});
