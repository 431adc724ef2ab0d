import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { FormControl, FormGroup, Validators } from '@angular/forms';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ProblemText } from '../../core/http/problem-text';
import type { Versioned } from '../data/versioned';
import { VersionedForm } from './versioned-form';

interface Settings {
  name: string;
}

function problem(status: number, body: object): HttpErrorResponse {
  return new HttpErrorResponse({
    status,
    error: { type: 'about:blank', title: 'Problem', status, ...body },
  });
}

describe(VersionedForm.name, () => {
  let form: FormGroup<{ name: FormControl<string> }>;
  let shown: Settings[];
  let state: VersionedForm<Settings>;

  beforeEach(() => {
    form = new FormGroup({
      name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    });
    shown = [];
    state = new VersionedForm<Settings>(
      form,
      TestBed.inject(ProblemText),
      { errors: { schema: 'SettingsDto', sends: ['name'], fields: {} } },
      (value) => shown.push(value),
    );
  });

  const answer = (name: string, etag: string): Promise<Versioned<Settings>> =>
    Promise.resolve({ value: { name }, etag });

  it('shows what was read, and writes back with the version it read', async () => {
    await state.load(() => answer('first', '"3"'));
    form.setValue({ name: 'second' });
    const write = vi.fn((etag: string | undefined) =>
      answer('second', etag === '"3"' ? '"4"' : '?'),
    );
    expect(await state.save(write)).toBe(true);
    expect(write).toHaveBeenCalledWith('"3"');
    expect(shown).toEqual([{ name: 'first' }, { name: 'second' }]);
    expect(state.saved()).toBe(true);
    expect(state.busy()).toBe(false);
    await state.save(write);
    expect(write).toHaveBeenLastCalledWith('"4"');
  });

  it('writes nothing while the form is invalid, and marks it so the fields say why', async () => {
    const write = vi.fn(() => answer('x', '"1"'));
    expect(await state.save(write)).toBe(false);
    expect(write).not.toHaveBeenCalled();
    expect(form.controls.name.touched).toBe(true);
  });

  it('turns a stale version into the stale banner, not an error', async () => {
    form.setValue({ name: 'late' });
    const saved = await state.save(
      vi
        .fn<() => Promise<Versioned<Settings>>>()
        .mockRejectedValue(
          problem(412, { code: 'PRECONDITION_FAILED', detail: 'Changed meanwhile.' }),
        ),
    );
    expect(saved).toBe(false);
    expect(state.stale()).toBe(true);
    expect(state.error()).toBeNull();
    await state.load(() => answer('fresh', '"9"'));
    expect(state.stale()).toBe(false);
  });

  it('puts the API’s field errors on the fields', async () => {
    form.setValue({ name: 'taken' });
    await state.save(
      vi.fn<() => Promise<Versioned<Settings>>>().mockRejectedValue(
        problem(422, {
          code: 'VALIDATION_FAILED',
          detail: 'Invalid.',
          errors: [{ field: 'name', code: 'conflict', message: 'Taken.' }],
        }),
      ),
    );
    expect(form.controls.name.errors).not.toBeNull();
    expect(state.error()).toBeNull();
  });

  it('keeps the load’s problem for the retry state', async () => {
    await state.load(
      vi
        .fn<() => Promise<Versioned<Settings>>>()
        .mockRejectedValue(problem(500, { code: 'INTERNAL', detail: 'Down.' })),
    );
    expect(state.loadProblem()?.status).toBe(500);
    expect(shown).toEqual([]);
  });
});
