import type { Subject } from './principal.js';

/** The columns through which a row belongs to a subject: exactly one of them is set. */
export interface SubjectColumns {
  adminId: string | null;
  mailboxId: string | null;
}

/** The one mapping from a subject to the `admin_id` / `mailbox_id` pair of a row. */
export function subjectColumns(subject: Subject): SubjectColumns {
  return subject.kind === 'admin'
    ? { adminId: subject.id, mailboxId: null }
    : { adminId: null, mailboxId: subject.id };
}

/** The column to filter on for a subject's rows. */
export function subjectColumn(subject: Subject): 'admin_id' | 'mailbox_id' {
  return subject.kind === 'admin' ? 'admin_id' : 'mailbox_id';
}

/** The subject a row with `admin_id` / `mailbox_id` belongs to. */
export function subjectOfRow(row: { admin_id: string | null; mailbox_id: string | null }): Subject {
  return row.admin_id !== null
    ? { kind: 'admin', id: row.admin_id }
    : { kind: 'mailbox', id: row.mailbox_id as string };
}
