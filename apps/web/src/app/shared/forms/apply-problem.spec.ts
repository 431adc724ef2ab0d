import { FormArray, FormControl, FormGroup, Validators } from '@angular/forms';
import { describe, expect, it } from 'vitest';
import type { UiProblem } from '../../core/http/problem';
import { applyProblem } from './apply-problem';
import { defineFormErrors, QUOTA_GB_MAX, quotaGbMessages } from './form-errors';

const errors = defineFormErrors('CreateMailboxDto', ['localPart', 'quotaBytes'], {
  quotaBytes: quotaGbMessages(),
});

function problem(overrides: Partial<UiProblem>): UiProblem {
  return {
    type: 'urn:yubin:problem:x',
    title: 'x',
    status: 422,
    code: 'VALIDATION_FAILED',
    ...overrides,
  };
}

function form() {
  return new FormGroup({
    localPart: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    quotaGb: new FormControl(0, { nonNullable: true }),
    protocols: new FormGroup({ imapEnabled: new FormControl(true, { nonNullable: true }) }),
    destinations: new FormControl('', { nonNullable: true }),
    scopes: new FormArray([new FormControl(false), new FormControl(false)]),
  });
}

describe(applyProblem.name, () => {
  it('puts each field error on its control, touched, and reports none left over', () => {
    const f = form();
    const unplaced = applyProblem(
      f,
      problem({
        errors: [
          { field: 'localPart', code: 'isLocalPart', message: 'localPart must be a local part' },
        ],
      }),
      { errors },
    );
    expect(unplaced).toEqual([]);
    expect(f.controls.localPart.errors).toEqual({
      required: true,
      server: {
        code: 'isLocalPart',
        message: 'localPart must be a local part',
        text: { key: 'errors.fields.isLocalPart' },
      },
    });
    expect(f.controls.localPart.touched).toBe(true);
  });

  it('follows renamed fields and dotted paths into nested groups and arrays', () => {
    const f = form();
    applyProblem(
      f,
      problem({
        errors: [
          { field: 'quotaBytes', code: 'isQuotaBytes', message: 'bad quota' },
          { field: 'imapEnabled', code: 'isBoolean', message: 'bad flag' },
          { field: 'scopes.1', code: 'isIn', message: 'bad scope' },
        ],
      }),
      { errors, fields: { quotaBytes: 'quotaGb', imapEnabled: 'protocols.imapEnabled' } },
    );
    expect(f.controls.quotaGb.hasError('server')).toBe(true);
    expect(f.controls.protocols.controls.imapEnabled.hasError('server')).toBe(true);
    expect(f.controls.scopes.at(1).hasError('server')).toBe(true);
    expect(f.controls.scopes.at(0).hasError('server')).toBe(false);
    // The form's own words: a quota it edits in GB is refused in GB.
    expect(f.controls.quotaGb.getError('server')).toEqual({
      code: 'isQuotaBytes',
      message: 'bad quota',
      text: { key: 'errors.fields.quotaGbRange', params: { max: QUOTA_GB_MAX } },
    });
  });

  it('gives an item of a list without its own control to the list', () => {
    const f = form();
    applyProblem(
      f,
      problem({ errors: [{ field: 'destinations.2', code: 'isMailAddress', message: 'bad' }] }),
      { errors },
    );
    expect(f.controls.destinations.getError('server')).toEqual({
      code: 'isMailAddress',
      message: 'bad',
      text: { key: 'errors.fields.isMailAddress' },
    });
  });

  it('returns the errors that match no control, for a banner', () => {
    const unplaced = applyProblem(
      form(),
      problem({
        errors: [
          { field: 'mystery', code: 'unknownField', message: 'mystery is not a known field' },
        ],
      }),
      { errors },
    );
    expect(unplaced).toEqual([
      { field: 'mystery', code: 'unknownField', message: 'mystery is not a known field' },
    ]);
  });

  it('places a problem without field errors by its code when the form says where', () => {
    const f = form();
    const unplaced = applyProblem(
      f,
      problem({ status: 409, code: 'MAILBOX_EXISTS', detail: 'alice@example.com already exists.' }),
      { errors, codes: { MAILBOX_EXISTS: 'localPart' } },
    );
    expect(unplaced).toEqual([]);
    expect(f.controls.localPart.getError('server')).toEqual({
      code: 'MAILBOX_EXISTS',
      message: 'alice@example.com already exists.',
    });
    expect(f.controls.quotaGb.errors).toBeNull();
  });

  it('clears the server error as soon as the user edits the control', () => {
    const f = form();
    applyProblem(
      f,
      problem({ errors: [{ field: 'quotaGb', code: 'isQuotaBytes', message: 'bad' }] }),
      { errors },
    );
    expect(f.controls.quotaGb.invalid).toBe(true);
    f.controls.quotaGb.setValue(2);
    expect(f.controls.quotaGb.errors).toBeNull();
  });
});
