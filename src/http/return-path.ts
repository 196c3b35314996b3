// Where to return after login: only a path on ggk itself (the login flow's ?terug=, the language
// switch, and the refusal page of a form sent after the session ended).

/** Only local paths: a return address must not send the user elsewhere after login. */
export function safeReturnPath(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?!\/)[\w\-/?=&%.]*$/.test(value) && !value.startsWith('/inloggen')
    ? value
    : undefined;
}
