import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import type { DkimSettingsDto, DkimSettingsResponseDto } from '@yubin/api-client';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DkimApi, type VersionedDkimSettings } from '../data/dkim-api';
import { DkimScheduleFormComponent } from './dkim-schedule-form';
import { dkimSchedule } from '../../../testing/dkim';

const schedule = dkimSchedule;

function problem(status: number, body: object): HttpErrorResponse {
  return new HttpErrorResponse({
    status,
    error: { type: 'about:blank', title: 'Problem', status, ...body },
  });
}

describe(DkimScheduleFormComponent.name, () => {
  const settings = vi.fn<(domain: string) => Promise<VersionedDkimSettings>>();
  const saveSettings =
    vi.fn<
      (
        domain: string,
        body: DkimSettingsDto,
        etag: string | undefined,
      ) => Promise<VersionedDkimSettings>
    >();

  beforeEach(() => {
    settings.mockReset();
    saveSettings.mockReset();
    TestBed.configureTestingModule({
      providers: [{ provide: DkimApi, useValue: { settings, saveSettings } }],
    });
  });

  async function render(readonly = false) {
    const fixture = TestBed.createComponent(DkimScheduleFormComponent);
    fixture.componentRef.setInput('domain', 'example.com');
    fixture.componentRef.setInput('readonly', readonly);
    const saved = vi.fn();
    const changes: DkimSettingsResponseDto[] = [];
    fixture.componentInstance.saved.subscribe(saved);
    fixture.componentInstance.settingsChange.subscribe((value) => changes.push(value));
    const element = fixture.nativeElement as HTMLElement;
    const settle = async () => {
      for (let turn = 0; turn < 5; turn++) {
        fixture.detectChanges();
        await fixture.whenStable();
      }
      fixture.detectChanges();
    };
    await settle();
    const byTestId = (testId: string) =>
      element.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
    const type = (testId: string, value: string) => {
      const input = byTestId(testId) as HTMLInputElement | null;
      if (input === null) throw new Error(`no field ${testId}`);
      input.value = value;
      input.dispatchEvent(new Event('input'));
    };
    const choose = (value: 'never' | '90' | '182' | '365' | 'custom') => {
      fixture.componentInstance['form'].controls.rotation.setValue(value);
    };
    const submit = async () => {
      byTestId('dkim-schedule-form')?.dispatchEvent(new Event('submit'));
      await settle();
    };
    return { element, settle, byTestId, type, choose, submit, saved, changes };
  }

  it('shows the domain’s schedule and the server’s default overlap, then saves a preset with If-Match', async () => {
    settings.mockResolvedValueOnce({ value: schedule(null, null, 7), etag: '"0"' });
    const { element, byTestId, type, choose, submit, saved, changes } = await render();
    expect(settings).toHaveBeenCalledWith('example.com');
    expect(changes).toHaveLength(1);
    expect(element.textContent).toContain('Never (only when you rotate)');
    expect((byTestId('dkim-schedule-overlap') as HTMLInputElement).value).toBe('');
    expect(byTestId('dkim-schedule-overlap-hint')?.textContent.trim()).toBe(
      'Empty: the default, 7 days.',
    );
    // A preset needs no number of days.
    expect(byTestId('dkim-schedule-days')).toBeNull();

    choose('182');
    type('dkim-schedule-overlap', '3');
    saveSettings.mockResolvedValueOnce({ value: schedule(182, 3), etag: '"1"' });
    await submit();

    expect(saveSettings).toHaveBeenCalledWith(
      'example.com',
      { dkimRotationDays: 182, dkimOverlapDays: 3 },
      '"0"',
    );
    expect(saved).toHaveBeenCalledTimes(1);
    expect(changes.at(-1)?.own).toEqual({ dkimRotationDays: 182, dkimOverlapDays: 3 });
    expect(element.textContent).toContain('Schedule saved.');
    expect(element.textContent).toContain('Every 182 days (about 6 months)');
    // The server's default is named while the domain sets its own.
    expect(byTestId('dkim-schedule-overlap-hint')?.textContent.trim()).toBe(
      'Empty: the default, 7 days.',
    );

    // Back to never and the default: both null, with the new ETag.
    choose('never');
    type('dkim-schedule-overlap', '');
    saveSettings.mockResolvedValueOnce({ value: schedule(null, null, 7), etag: '"2"' });
    await submit();
    expect(saveSettings).toHaveBeenLastCalledWith(
      'example.com',
      { dkimRotationDays: null, dkimOverlapDays: null },
      '"1"',
    );
  });

  it('takes any number of days in range, and names the server’s default for a domain with its own overlap', async () => {
    settings.mockResolvedValueOnce({ value: schedule(200, 10), etag: '"4"' });
    const { element, byTestId, type, submit } = await render();
    // 200 is no preset: "Every … days" with the number.
    expect((byTestId('dkim-schedule-days') as HTMLInputElement).value).toBe('200');
    expect(byTestId('dkim-schedule-overlap-hint')?.textContent.trim()).toBe(
      'Empty: the default, 7 days.',
    );

    type('dkim-schedule-days', '10');
    type('dkim-schedule-overlap', '2.5');
    await submit();
    expect(saveSettings).not.toHaveBeenCalled();
    expect(element.textContent).toContain('Use 30 or more.');
    expect(element.textContent).toContain('Use a whole number.');

    type('dkim-schedule-days', '400');
    type('dkim-schedule-overlap', '5');
    saveSettings.mockResolvedValueOnce({ value: schedule(400, 5), etag: '"5"' });
    await submit();
    expect(saveSettings).toHaveBeenCalledWith(
      'example.com',
      { dkimRotationDays: 400, dkimOverlapDays: 5 },
      '"4"',
    );
  });

  it('puts the API’s refusal next to its field, in the user’s words', async () => {
    settings.mockResolvedValueOnce({ value: schedule(null, null), etag: '"0"' });
    const { byTestId, type, choose, submit, saved } = await render();
    choose('90');
    type('dkim-schedule-overlap', '60');
    saveSettings.mockRejectedValueOnce(
      problem(422, {
        code: 'VALIDATION_FAILED',
        errors: [{ field: 'dkimOverlapDays', code: 'max', message: 'must not be greater than 90' }],
      }),
    );
    await submit();
    expect(saved).not.toHaveBeenCalled();
    const field = byTestId('dkim-schedule-overlap')?.closest('mat-form-field');
    expect(field?.textContent).toContain('Enter a number of days from 1 to 90.');
    expect(field?.textContent).not.toContain('must not be greater than 90');
    expect(byTestId('dkim-schedule-error')).toBeNull();
  });

  it('shows the stale banner on 412 and reloads from it', async () => {
    settings.mockResolvedValueOnce({ value: schedule(null, null), etag: '"0"' });
    const { byTestId, choose, submit, settle, saved } = await render();
    choose('365');
    saveSettings.mockRejectedValueOnce(
      problem(412, { code: 'PRECONDITION_FAILED', detail: 'Changed meanwhile.' }),
    );
    await submit();
    expect(saved).not.toHaveBeenCalled();
    const banner = byTestId('stale-banner');
    expect(banner?.textContent).toBeTruthy();
    expect(byTestId('dkim-schedule-error')).toBeNull();

    settings.mockResolvedValueOnce({ value: schedule(90, 2), etag: '"3"' });
    banner?.querySelector('button')?.click();
    await settle();
    expect(settings).toHaveBeenCalledTimes(2);
    expect(byTestId('stale-banner')).toBeNull();
    expect((byTestId('dkim-schedule-overlap') as HTMLInputElement).value).toBe('2');
  });

  it('is read-only for those who may not change the domain', async () => {
    settings.mockResolvedValueOnce({ value: schedule(182, 3), etag: '"1"' });
    const { byTestId } = await render(true);
    expect(byTestId('dkim-schedule-save')).toBeNull();
    expect((byTestId('dkim-schedule-overlap') as HTMLInputElement).disabled).toBe(true);
    expect((byTestId('dkim-schedule-overlap') as HTMLInputElement).value).toBe('3');
  });
});
