// The one error type that domain code throws on purpose. `code` is a closed, module-scoped name
// (`round.window_order`); `message` is Dutch and safe to show to the user. HTTP statuses are chosen
// in http/error-handler.ts, never here.
export class AppError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}
