import { signal } from '@angular/core';
import type { FormGroup } from '@angular/forms';
import { toProblem, type UiProblem } from '../../core/http/problem';
import type { ProblemText } from '../../core/http/problem-text';
import type { Versioned } from '../data/versioned';
import type { ApplyProblemOptions } from './apply-problem';

/**
 * The load and save cycle of a form kept with If-Match, in one place: the load's problem,
 * the busy and "saved" states, a stale version (412, for the shared banner) and the API's
 * field errors on the form. `show` puts what the server answered into the form.
 */
export class VersionedForm<T> {
  readonly loadProblem = signal<UiProblem | null>(null);
  readonly busy = signal(false);
  readonly saved = signal(false);
  readonly stale = signal(false);
  readonly error = signal<string | null>(null);
  private etag: string | undefined;

  constructor(
    private readonly form: FormGroup,
    private readonly problems: ProblemText,
    private readonly errors: ApplyProblemOptions,
    private readonly show: (value: T) => void,
  ) {}

  async load(read: () => Promise<Versioned<T>>): Promise<void> {
    this.loadProblem.set(null);
    this.stale.set(false);
    this.error.set(null);
    try {
      this.accept(await read());
    } catch (error) {
      this.loadProblem.set(toProblem(error));
    }
  }

  /** Writes with the version last read; true once saved. An invalid form is only marked. */
  async save(write: (etag: string | undefined) => Promise<Versioned<T>>): Promise<boolean> {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return false;
    }
    return this.write(write);
  }

  /** As `save`, for a change the fields do not make (removing the settings). */
  async write(write: (etag: string | undefined) => Promise<Versioned<T>>): Promise<boolean> {
    this.busy.set(true);
    this.saved.set(false);
    this.stale.set(false);
    this.error.set(null);
    try {
      this.accept(await write(this.etag));
      this.saved.set(true);
      return true;
    } catch (error) {
      const problem = toProblem(error);
      if (problem.status === 412) this.stale.set(true);
      else this.error.set(this.problems.forForm(this.form, problem, this.errors));
      return false;
    } finally {
      this.busy.set(false);
    }
  }

  private accept(result: Versioned<T>): void {
    this.etag = result.etag;
    this.show(result.value);
  }
}
