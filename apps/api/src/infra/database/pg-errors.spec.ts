import { describeQueryError, isConcurrentWriteConflict, isUniqueViolation } from './pg-errors.js';

function queryFailed(driverError: Record<string, unknown>): Error {
  return Object.assign(new Error(String(driverError.message)), {
    driverError,
    query: 'INSERT INTO admin_account (email, password_hash) VALUES ($1, $2)',
    parameters: ['a@b.example', '{ARGON2ID}$argon2id$v=19$m=65536,t=3,p=4$c2FsdA$aGFzaA'],
  });
}

describe(describeQueryError.name, () => {
  it('keeps the SQLSTATE, the message and the constraint, never the parameters or detail', () => {
    const error = queryFailed({
      code: '23505',
      message: 'duplicate key value violates unique constraint "uq_admin_account_email"',
      constraint: 'uq_admin_account_email',
      detail: 'Key (email)=(a@b.example) already exists.',
    });
    const text = describeQueryError(error);
    expect(text).toBe(
      '23505: duplicate key value violates unique constraint "…" (constraint uq_admin_account_email)',
    );
    expect(text).not.toMatch(/ARGON2ID|a@b\.example/);
  });

  it('cuts the quoted value out of a data exception', () => {
    const error = queryFailed({
      code: '22P02',
      message: 'invalid input syntax for type uuid: "secret-ish ""quoted"" value"',
    });
    expect(describeQueryError(error)).toBe('22P02: invalid input syntax for type uuid: "…"');
  });

  it('describes an error that is not pg’s', () => {
    expect(describeQueryError(new Error('Connection terminated'))).toBe(
      'error: Connection terminated',
    );
  });
});

describe(isConcurrentWriteConflict.name, () => {
  it.each(['23505', '23P01', '23503', '40001', '40P01'])('is true for %s', (code) => {
    expect(isConcurrentWriteConflict(queryFailed({ code, message: 'x' }))).toBe(true);
  });

  it('is false for data exceptions and other errors', () => {
    expect(isConcurrentWriteConflict(queryFailed({ code: '22P02', message: 'x' }))).toBe(false);
    expect(isConcurrentWriteConflict(new Error('boom'))).toBe(false);
    expect(isConcurrentWriteConflict(null)).toBe(false);
  });

  it('tells a unique violation, wrapped or not', () => {
    expect(isUniqueViolation({ code: '23505' })).toBe(true);
    expect(isUniqueViolation(queryFailed({ code: '23505', message: 'x' }))).toBe(true);
  });
});
