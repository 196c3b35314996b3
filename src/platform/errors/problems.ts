// A form should name everything that is wrong with it at once, not one problem per attempt. A service
// runs its input checks through `check` (or `add`s a refusal), which keeps a refusal instead of
// throwing it, and then throws `error()`: one problem as it is; several as one AppError with the first
// one's code, the Dutch messages joined by a space, and details.problems listing each (code, message,
// details), which errorMessage and the forms' error summary (formErrorsOf) show one by one.
import { AppError, isAppError } from './app-error.ts';

export class Problems {
  readonly list: AppError[] = [];

  /** Runs one check; a refusal (AppError) is kept and gives undefined, anything else is thrown. */
  check<T>(run: () => T): T | undefined {
    try {
      return run();
    } catch (error) {
      if (!isAppError(error)) throw error;
      this.list.push(error);
      return undefined;
    }
  }

  add(problem: AppError): void {
    this.list.push(problem);
  }

  get found(): boolean {
    return this.list.length > 0;
  }

  /**
   * The refusal to throw: the one problem as it is, or several gathered into one. Used as
   * `if (problems.found || value === undefined) throw problems.error();`, which also narrows values
   * that a failed check left undefined.
   */
  error(): AppError {
    const [first, second] = this.list;
    if (first === undefined) throw new Error('Problems.error() without a problem: a check did not report');
    if (second === undefined) return first;
    return AppError.gather(this.list);
  }
}
