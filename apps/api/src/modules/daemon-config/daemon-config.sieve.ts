import {
  JUNK_ACTION,
  JUNK_FOLDER,
  JUNK_HEADER,
  type FilterSettings,
} from './daemon-config.rspamd.js';

/**
 * Dovecot's side of spam filtering (Pigeonhole, dovecot-sieve): a script run before the
 * user's own files what Rspamd marked as junk into Junk, and IMAPSieve teaches Rspamd
 * from the user's moves into and out of Junk.
 */

export interface SieveFile {
  /** Relative to the dovecot/ folder. */
  path: string;
  content: string;
  mode: number;
}

/** The scripts the IMAPSieve rules pipe a message to (sieve_pipe_bin_dir). */
export const LEARN_PROGRAMS = { spam: 'yubin-learn-spam', ham: 'yubin-learn-ham' } as const;

/** The Dovecot settings, included from yubin.conf; `dir` is dovecot/ on the mail server. */
export function dovecotSieveConf(dir: string): string {
  return `# Spam filtering: Rspamd marks, Sieve files, users teach by moving (dovecot-sieve).
protocol lmtp {
  mail_plugins = $mail_plugins sieve
}
protocol imap {
  mail_plugins = $mail_plugins imap_sieve
}
namespace inbox {
  # Debian's 15-mailboxes.conf gives Junk its special use; every user also gets it at once,
  # so a mail app shows the folder before the first junk arrives.
  mailbox ${JUNK_FOLDER} {
    special_use = \\Junk
    auto = subscribe
  }
}
plugin {
  # Runs before the user's own script, which never sees junk (it stops).
  sieve_before = ${dir}/sieve/junk.sieve
  sieve_plugins = sieve_imapsieve sieve_extprograms
  # vnd.dovecot.environment: the junk script reads the user's junk folder, which Yubin's
  # user query returns as sieve_env_junk_folder (Junk when no policy names another).
  sieve_global_extensions = +vnd.dovecot.pipe +vnd.dovecot.environment
  sieve_pipe_bin_dir = ${dir}/sieve/bin
  # Into Junk (moved or copied by a mail app): learn spam. The user query replaces
  # Junk with the user's own junk folder in these two settings.
  imapsieve_mailbox1_name = ${JUNK_FOLDER}
  imapsieve_mailbox1_causes = COPY APPEND
  imapsieve_mailbox1_before = file:${dir}/sieve/learn-spam.sieve
  # Out of Junk into any other folder: learn ham (not into Trash: see the script).
  imapsieve_mailbox2_name = *
  imapsieve_mailbox2_from = ${JUNK_FOLDER}
  imapsieve_mailbox2_causes = COPY
  imapsieve_mailbox2_before = file:${dir}/sieve/learn-ham.sieve
}
`;
}

function learnProgram(filter: FilterSettings, command: 'learn_spam' | 'learn_ham', header: string) {
  const { host, port, password } = filter.controller;
  const connect = host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
  return `#!/bin/sh
# ${header}
# Teaches Rspamd's Bayes classifier from a message on standard input (Dovecot's
# IMAPSieve pipe, run as the mail storage user). The controller password is in this
# file, so it is 0750 and readable by root and the storage user's group only.
exec /usr/bin/rspamc --connect ${connect} --password ${password} ${command}
`;
}

export function sieveFiles(filter: FilterSettings, header: string): SieveFile[] {
  return [
    {
      path: 'sieve/junk.sieve',
      mode: 0o644,
      content: `# ${header}
# Rspamd adds ${JUNK_HEADER}: ${JUNK_ACTION} (after removing any sender's copy) when the
# message scores between the recipient's junk and reject thresholds, or carries a virus
# and the policy says virusAction: junk. The folder is the recipient's junkFolder, from
# Dovecot's user query (plugin setting sieve_env_junk_folder): it is read into a variable
# at run time, never written into this script, so no folder name can change the script.
require ["fileinto", "mailbox", "variables", "environment", "vnd.dovecot.environment"];
if header :is "${JUNK_HEADER}" "${JUNK_ACTION}" {
  set "junk_folder" "${JUNK_FOLDER}";
  if environment :matches "vnd.dovecot.config.junk_folder" "?*" {
    set "junk_folder" "\${0}";
  }
  fileinto :create "\${junk_folder}";
  stop;
}
`,
    },
    {
      path: 'sieve/learn-spam.sieve',
      mode: 0o644,
      content: `# ${header}
require ["vnd.dovecot.pipe", "copy", "imapsieve"];
pipe :copy "${LEARN_PROGRAMS.spam}";
`,
    },
    {
      path: 'sieve/learn-ham.sieve',
      mode: 0o644,
      content: `# ${header}
# Deleting junk (moving it to Trash) says nothing about it being good mail.
require ["vnd.dovecot.pipe", "copy", "imapsieve", "environment", "variables"];
if environment :matches "imap.mailbox" "*" {
  set "mailbox" "\${1}";
}
if string :is "\${mailbox}" "Trash" {
  stop;
}
pipe :copy "${LEARN_PROGRAMS.ham}";
`,
    },
    {
      path: `sieve/bin/${LEARN_PROGRAMS.spam}`,
      mode: 0o750,
      content: learnProgram(filter, 'learn_spam', header),
    },
    {
      path: `sieve/bin/${LEARN_PROGRAMS.ham}`,
      mode: 0o750,
      content: learnProgram(filter, 'learn_ham', header),
    },
  ];
}
