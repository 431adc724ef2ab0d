import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { STRENGTH_ESTIMATE_LENGTH, type PasswordStrength } from '#contracts';
import { TooManyRequestsError } from '../../common/errors/app-error.js';

/**
 * zxcvbn's packages, as the contracts library loads them. The worker is given their
 * addresses: it runs plain JavaScript, so it cannot load the library's TypeScript in tests.
 */
const ZXCVBN_MODULES = ['@zxcvbn-ts/core', '@zxcvbn-ts/language-common', '@zxcvbn-ts/language-en'];

/** Builds zxcvbn exactly as libs/contracts does; a spec holds the two to the same answers. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const ready = Promise.all(workerData.modules.map((url) => import(url))).then(
  ([core, common, english]) =>
    new core.ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...english.dictionary },
      graphs: common.adjacencyGraphs,
      translations: english.translations,
    }),
);
parentPort.on('message', async ({ id, password, words }) => {
  try {
    const result = (await ready).check(password, words);
    const { warning, suggestions } = result.feedback;
    parentPort.postMessage({ id, strength: { score: result.score, warning, suggestions } });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error) });
  }
});
`;

/**
 * Checks waiting for the worker, per process, before more are refused with a 429: room for a
 * provisioning script's bursts, while a flood of crafted passwords cannot queue without end.
 */
export const MAX_WAITING_CHECKS = 256;

interface Waiting {
  resolve(strength: PasswordStrength): void;
  reject(error: Error): void;
}

type WorkerAnswer = { id: number; strength: PasswordStrength } | { id: number; error: string };

/**
 * zxcvbn on a worker thread. A crafted password costs it about two seconds of CPU (its
 * l33t and repeat matching grows combinatorially), which on the event loop would stall
 * every other request, daemons' lookups included.
 */
@Injectable()
export class PasswordStrengthEstimator implements OnModuleDestroy {
  private worker: Worker | undefined;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 0;

  estimate(password: string, ownerWords: string[]): Promise<PasswordStrength> {
    if (this.waiting.size >= MAX_WAITING_CHECKS) {
      return Promise.reject(
        new TooManyRequestsError('Too many password checks are running; try again shortly.', 1),
      );
    }
    const id = this.nextId++;
    return new Promise<PasswordStrength>((resolve, reject) => {
      this.waiting.set(id, { resolve, reject });
      this.started().postMessage({
        id,
        password: password.slice(0, STRENGTH_ESTIMATE_LENGTH),
        words: ownerWords,
      });
    });
  }

  async onModuleDestroy(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    await worker?.terminate();
  }

  private started(): Worker {
    if (this.worker !== undefined) return this.worker;
    const resolve = createRequire(import.meta.url).resolve;
    const modules = ZXCVBN_MODULES.map((name) => pathToFileURL(resolve(name)).href);
    const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { modules } });
    worker.unref();
    worker.on('message', (answer: WorkerAnswer) => {
      const waiting = this.waiting.get(answer.id);
      this.waiting.delete(answer.id);
      if ('error' in answer) waiting?.reject(new Error(`password check failed: ${answer.error}`));
      else waiting?.resolve(answer.strength);
    });
    worker.on('error', (error) => this.fail(worker, error));
    worker.on('exit', (code) => this.fail(worker, new Error(`password checker exited (${code})`)));
    this.worker = worker;
    return worker;
  }

  /** Every waiting check fails; the next one starts a new worker. */
  private fail(worker: Worker, error: Error): void {
    if (this.worker === worker) this.worker = undefined;
    for (const waiting of this.waiting.values()) waiting.reject(error);
    this.waiting.clear();
  }
}
