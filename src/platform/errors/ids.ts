const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids from forms and URLs are checked before they reach SQL, so a mangled id is "not found", not a 500. */
export function isUuid(value: string): boolean {
  return uuidPattern.test(value);
}
