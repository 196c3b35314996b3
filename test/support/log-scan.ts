// Scans captured log output for what must never be in a log line: a BSN (a 9-digit number that
// passes the elfproef, standing alone), an API token (ggk_…), a bearer credential, a session or
// CSRF cookie value, or an invitation link's secret. JSON lines (pino) are scanned value by value,
// strings only (a timestamp or a duration is a number, not a BSN); other lines as plain text.
// Used at the end of every test run (scripts/run-tests.ts) on the logs the test processes wrote
// to GGK_TEST_LOG_DIR (test/support/log-sink.ts).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface LogFinding {
  source: string;
  line: number;
  kind: 'bsn' | 'api-token' | 'bearer' | 'cookie' | 'invitation' | 'double-reply';
  /** The line, shortened, with the secret itself masked: the report must not leak it again. */
  excerpt: string;
}

// A 9-digit run with no letter or digit on either side (so not part of a hex id or a longer number).
const NINE_DIGITS = /(?<![0-9A-Za-z])\d{9}(?![0-9A-Za-z])/g;
const PATTERNS: Array<{ kind: LogFinding['kind']; pattern: RegExp }> = [
  { kind: 'api-token', pattern: /ggk_[A-Za-z0-9_-]{20,}/ },
  { kind: 'bearer', pattern: /bearer\s+(?!\[verborgen\])[A-Za-z0-9._~+/=-]{16,}/i },
  { kind: 'cookie', pattern: /ggk_(?:session|csrf)=(?!\[verborgen\])[^;\s"',]{8,}/ },
  { kind: 'invitation', pattern: /\/uitnodiging\/(?!\[verborgen\])[A-Za-z0-9_-]{16,}/ },
  // Not a secret but a bug that hides behind a 200: a handler that answers twice (issue 20).
  { kind: 'double-reply', pattern: /Reply was already sent|FST_ERR_REP_ALREADY_SENT|ERR_HTTP_HEADERS_SENT/ },
];

export function passesElfproef(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * Number(digits[i]);
  sum -= Number(digits[8]);
  return sum % 11 === 0 && digits !== '000000000';
}

function findingsInText(text: string): Array<LogFinding['kind']> {
  const kinds: Array<LogFinding['kind']> = [];
  for (const m of text.matchAll(NINE_DIGITS)) if (passesElfproef(m[0])) kinds.push('bsn');
  for (const { kind, pattern } of PATTERNS) if (pattern.test(text)) kinds.push(kind);
  return kinds;
}

function strings(value: unknown, out: string[], depth = 0): string[] {
  if (depth > 20) return out;
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) for (const v of value) strings(v, out, depth + 1);
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.push(k);
      strings(v, out, depth + 1);
    }
  return out;
}

function mask(line: string): string {
  return line
    .replace(NINE_DIGITS, (m) => (passesElfproef(m) ? `${m.slice(0, 3)}******` : m))
    .replace(
      /(ggk_(?:session=|csrf=)?|bearer\s+|\/uitnodiging\/)([A-Za-z0-9._~+/=-]{4})[A-Za-z0-9._~+/=-]*/gi,
      '$1$2…',
    )
    .slice(0, 300);
}

export function scanLogText(text: string, source: string): LogFinding[] {
  const findings: LogFinding[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    let values: string[];
    try {
      const parsed: unknown = JSON.parse(line);
      values = typeof parsed === 'object' && parsed !== null ? strings(parsed, []) : [line];
    } catch {
      values = [line];
    }
    const kinds = new Set(values.flatMap(findingsInText));
    for (const kind of kinds) findings.push({ source, line: index + 1, kind, excerpt: mask(line) });
  });
  return findings;
}

export function scanLogDir(dir: string): { files: number; lines: number; findings: LogFinding[] } {
  let files = 0;
  let lines = 0;
  const findings: LogFinding[] = [];
  let names: string[] = [];
  try {
    names = readdirSync(dir).filter((n) => n.endsWith('.log'));
  } catch {
    return { files, lines, findings };
  }
  for (const name of names) {
    const text = readFileSync(path.join(dir, name), 'utf8');
    files++;
    lines += text.split('\n').filter((l) => l.trim() !== '').length;
    findings.push(...scanLogText(text, name));
  }
  return { files, lines, findings };
}
