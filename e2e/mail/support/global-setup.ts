import type { TestProject } from 'vitest/node';
import { preserveExitCode } from '../../../apps/api/test/support/exit-code.js';
import { MailStack, missingDaemons, type MailStackInfo } from './mail-stack.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set when the mail stack runs; undefined with `mailSkipReason` set otherwise. */
    mail: MailStackInfo | undefined;
    mailSkipReason: string | undefined;
  }
}

/**
 * Starts one mail stack for the whole suite; every spec makes its own domains in it.
 * Without the daemons, the suite is skipped with the command that installs them,
 * except in CI, where that is a failure.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  preserveExitCode();
  const missing = missingDaemons();
  if (missing !== undefined) {
    if (process.env.CI === 'true') throw new Error(`The mail e2e suite cannot run: ${missing}`);
    process.stderr.write(`\nSkipping the mail e2e suite: ${missing}\n\n`);
    project.provide('mail', undefined);
    project.provide('mailSkipReason', missing);
    return () => Promise.resolve();
  }
  const started = Date.now();
  const stack = await MailStack.start();
  process.stderr.write(`Mail stack ready in ${Date.now() - started} ms.\n`);
  project.provide('mail', stack.info);
  project.provide('mailSkipReason', undefined);
  return async () => {
    await stack.stop();
  };
}
