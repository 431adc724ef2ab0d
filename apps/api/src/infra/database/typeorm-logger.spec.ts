import { Logger } from '@nestjs/common';
import { DatabaseLogger } from './typeorm-logger.js';

function pgError(code: string, message: string, constraint?: string): Error {
  return Object.assign(new Error(message), { code, constraint });
}

describe(DatabaseLogger.name, () => {
  const error = vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
  const debug = vi.spyOn(Logger.prototype, 'debug').mockImplementation(() => undefined);
  beforeEach(() => {
    error.mockClear();
    debug.mockClear();
  });
  afterAll(() => vi.restoreAllMocks());

  it('logs a failed query as an error, without the values it quoted', () => {
    new DatabaseLogger().logQueryError(
      pgError('22P02', 'invalid input syntax for type uuid: "secret-ish"'),
    );
    expect(error).toHaveBeenCalledWith(
      'Query failed: 22P02: invalid input syntax for type uuid: "…"',
    );
    expect(debug).not.toHaveBeenCalled();
  });

  it.each(['23505', '23P01', '23503', '40001', '40P01'])(
    'logs a conflict with a concurrent writer (%s), answered 409, at debug level only',
    (code) => {
      new DatabaseLogger().logQueryError(pgError(code, 'conflict', 'uq_sender_rule_mailbox'));
      expect(error).not.toHaveBeenCalled();
      expect(debug).toHaveBeenCalledWith(
        `Query failed: ${code}: conflict (constraint uq_sender_rule_mailbox)`,
      );
    },
  );
});
