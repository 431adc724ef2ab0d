import { AppError, ConflictError, UnprocessableError } from '../../common/errors/app-error.js';

/** The outgoing mail server refused the message or could not be reached: 502. */
export class HandoverMailFailedError extends AppError {
  readonly status = 502;
  constructor() {
    super(
      'HANDOVER_MAIL_FAILED',
      'The outgoing mail server did not take the message; nothing was sent. The server’s log names the reason.',
    );
  }
}

export function outboundMailNotConfigured(): ConflictError {
  return new ConflictError(
    'OUTBOUND_MAIL_NOT_CONFIGURED',
    'This Yubin sends no mail: OUTBOUND_SMTP_URL is not set. Print the sheet instead.',
  );
}

/** The same answer for a wrong password and for one already changed: no oracle either way. */
export function handoverPasswordNotCurrent(): UnprocessableError {
  const message =
    'This is not a temporary password the mailbox still has to change. Send the sheet without it, or reset the password.';
  return new UnprocessableError('HANDOVER_PASSWORD_NOT_CURRENT', message, [
    { field: 'temporaryPassword', code: 'notCurrent', message },
  ]);
}
