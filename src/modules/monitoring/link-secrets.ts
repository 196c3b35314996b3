// Mails shown to the servicedesk must not hand out what the links in them unlock: invitation and
// confirmation tokens. Pure: a text goes in, the same text with every link's secret parts out.

const URL_PATTERN = /https?:\/\/[^\s<>"')]+/g;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A path segment that looks like a random secret (ggk's are base64url, 32 bytes: 43 characters).
// No path word of ggk is this long.
const SECRET_SEGMENT = /^[A-Za-z0-9_~.-]{20,}$/;

export const REDACTED = '[verwijderd]';

function redactUrl(url: string): string {
  const m = /^(https?:\/\/[^/?#]+)([^?#]*)(.*)$/.exec(url);
  if (!m) return REDACTED;
  const [, origin, path, rest] = m;
  const segments = path!.split('/').map((segment) => {
    if (UUID.test(segment)) return segment;
    return SECRET_SEGMENT.test(segment) ? REDACTED : segment;
  });
  // A query string or fragment may carry a token of any shape: it goes as a whole.
  return `${origin}${segments.join('/')}${rest ? `?${REDACTED}` : ''}`;
}

/** The text with the secret parts of every http(s) link replaced by "[verwijderd]". */
export function redactLinkSecrets(text: string): string {
  return text.replace(URL_PATTERN, redactUrl);
}
