// pino with redaction. Headers that carry secrets are removed by path; on top of that every log
// object is walked so that a field named like "bsn" anywhere is censored, and any 9-digit number
// in a string that passes the elfproef is masked: a BSN must never reach a log line.
import { pino, type Logger, type LevelWithSilent } from 'pino';
import { passesElfproef } from '../privacy/bsn-runs.ts';

export type { Logger };

const CENSOR = '[verborgen]';
const sensitiveKey = /bsn|burgerservicenummer|password|wachtwoord|secret|token|cookie|authorization/i;
const nineDigits = /(?<!\d)\d{9}(?!\d)/g;

export function maskBsnLikeNumbers(text: string): string {
  return text.replace(nineDigits, (m) => (passesElfproef(m) ? `${m.slice(0, 5)}****` : m));
}

/**
 * Secrets that travel in a path never reach the log: an invitation link, and a resumable upload's id
 * (whoever knows it and has a session of the owner can act on the upload) with anything after it.
 */
export function redactUrlSecrets(url: string): string {
  return maskBsnLikeNumbers(
    url
      .replace(/\/uitnodiging\/[^/?#]+/g, '/uitnodiging/[verborgen]')
      .replace(/\/aanleveren\/hervatbaar\/.*/s, '/aanleveren/hervatbaar/[verborgen]'),
  );
}

// pino runs the log formatter before the serializers: request and response objects must reach
// their serializers whole, so the scrubber leaves these keys to them.
const SERIALIZED_KEYS = new Set(['req', 'res']);

function scrub(value: unknown, depth: number): unknown {
  if (depth > 8) return value;
  if (typeof value === 'string') return maskBsnLikeNumbers(value);
  if (value instanceof Error) {
    // Errors keep what explains them (their own fields are not enumerable), scrubbed like the rest.
    const out: Record<string, unknown> = { type: value.name, message: maskBsnLikeNumbers(value.message) };
    if (value.stack) out.stack = maskBsnLikeNumbers(value.stack);
    const code = (value as { code?: unknown }).code;
    if (code !== undefined) out.code = code;
    if (value.cause !== undefined) out.cause = scrub(value.cause, depth + 1);
    return out;
  }
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      out[key] = sensitiveKey.test(key)
        ? CENSOR
        : depth === 0 && SERIALIZED_KEYS.has(key)
          ? v
          : scrub(v, depth + 1);
    }
    return out;
  }
  return value;
}

export interface LoggerOptions {
  level: LevelWithSilent;
  /** Where lines go; defaults to stdout. Tests pass a stream to read what was logged. */
  destination?: NodeJS.WritableStream | 'stderr';
}

export function createLogger(options: LoggerOptions): Logger {
  return pino(
    {
      level: options.level,
      base: { app: 'ggk' },
      redact: {
        paths: [
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-api-key"]',
          'res.headers["set-cookie"]',
        ],
        censor: CENSOR,
      },
      formatters: {
        log: (object) => scrub(object, 0) as Record<string, unknown>,
      },
      serializers: {
        req: (req: { method?: string; url?: string; ip?: string }) => ({
          method: req.method,
          url: req.url === undefined ? undefined : redactUrlSecrets(req.url),
        }),
        res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
      },
      hooks: {
        logMethod(args, method) {
          // The message itself (a string argument) is scrubbed too.
          const scrubbed = args.map((a) => (typeof a === 'string' ? maskBsnLikeNumbers(a) : a));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    options.destination === 'stderr'
      ? pino.destination(2)
      : ((options.destination as pino.DestinationStream | undefined) ?? pino.destination(1)),
  );
}
