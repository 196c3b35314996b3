// Turns a domain error into the error summary of a form: which field it belongs to, and the message
// in the visitor's language. Unknown errors are not form errors and bubble up to the error handler.
import { isAppError } from '../../platform/errors/app-error.ts';
import { errorMessage, type Locale } from '../../modules/i18n/index.ts';
import type { FieldError } from './components.tsx';

const FIELD_BY_CODE: Record<string, string> = {
  'user.name_required': 'naam',
  'user.bad_email': 'email',
  'user.functional_email': 'email',
  'user.duplicate_email': 'email',
  'user.bad_role': 'rollen',
  'user.roles_required': 'rollen',
  'registration.name_required': 'naam',
  'registration.organisation_required': 'organisatie',
  'registration.has_administrator': 'organisatie',
  'registration.duplicate': 'email',
  'registration.reason_required': 'reden',
  'token.name_required': 'naam',
  'token.name_too_long': 'naam',
  'token.roles_required': 'rollen',
  'token.bad_role': 'rollen',
  'token.bad_expiry': 'dagen',
  'withdrawal.reason_too_long': 'reden',
};

interface Problem {
  code: string;
  message: string;
  details?: Record<string, unknown>;
}

/**
 * One message per problem: an error that gathers several (details.problems, see
 * src/platform/errors/problems.ts) gives each its own field and message, so the summary lists them all.
 */
export function formErrorsOf(error: unknown, locale: Locale, fallbackField = 'formulier'): FieldError[] {
  if (!isAppError(error)) throw error;
  const problems = error.details?.problems;
  const list: Problem[] =
    Array.isArray(problems) && problems.length > 0 && problems.every(isProblem) ? problems : [error];
  return list.map((problem) => ({
    field: fieldOf(problem) ?? fallbackField,
    message: errorMessage(locale, problem),
  }));
}

function fieldOf(problem: Problem): string | undefined {
  const field = problem.details?.field;
  return FIELD_BY_CODE[problem.code] ?? (typeof field === 'string' ? field : undefined);
}

function isProblem(value: unknown): value is Problem {
  const v = value as Partial<Problem> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.code === 'string' &&
    typeof v.message === 'string' &&
    (v.details === undefined || (typeof v.details === 'object' && v.details !== null))
  );
}

/** The error of a form whose message belongs to one known field, whatever the error's code says. */
export function formErrorAt(error: unknown, locale: Locale, field: string): FieldError[] {
  return formErrorsOf(error, locale).map((e) => ({ ...e, field }));
}

/**
 * Keeps the summary's links pointing at something: a message about a field that is not on the page
 * (the form is not shown, or the id in the form was tampered with) is shown without a link.
 */
export function onlyLinksTo(errors: FieldError[], ids: Iterable<string>): FieldError[] {
  const known = new Set(ids);
  return errors.map((e) => (known.has(e.field) ? e : { ...e, field: '' }));
}

export function asList(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(String);
  return typeof value === 'string' && value !== '' ? [value] : [];
}
