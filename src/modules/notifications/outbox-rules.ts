// Pure rules of the outbox: what may go into a mail, when a failed mail is tried again, and how a
// delivered mail can be recognised. No database, network or clock here.
import { passesElfproef } from '../../platform/privacy/bsn-runs.ts';

// A 9-digit number standing on its own (not glued to letters, digits or '_'): links carry UUIDs,
// hashes and tokens whose digit runs border on letters, and those must not be mistaken for a BSN.
const standaloneNineDigits = /(?<![\p{L}\p{N}_])\p{Nd}{9}(?![\p{L}\p{N}_])/gu;

/** True when `text` holds a 9-digit number that passes the BSN elfproef. */
export function containsBsnLikeNumber(text: string): boolean {
  for (const match of text.matchAll(standaloneNineDigits)) {
    if (passesElfproef(match[0])) return true;
  }
  return false;
}

const BASE_DELAY_MS = 30_000;
const MAX_DELAY_MS = 60 * 60_000;

/**
 * How long to wait before the next try after `attempts` failed ones: 30 s × 2^attempts, at most an
 * hour (1 min, 2, 4, 8, 16, 32, 60, 60 …). With the default of 8 attempts a mail is given up
 * after about two hours of a relay that does not answer.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(BASE_DELAY_MS * 2 ** Math.max(0, attempts), MAX_DELAY_MS);
}

/**
 * The Message-ID of the mail of an outbox row. It is derived from the row id, so a mail sent twice
 * (see deliverPendingMail) carries the same id both times and can be recognised as one.
 */
export function messageIdFor(outboxId: string, from: string): string {
  const domain = /@([A-Za-z0-9.-]+)>?\s*$/.exec(from)?.[1] ?? 'ggk.localhost';
  return `<${outboxId}.outbox@${domain}>`;
}

const MAX_ERROR_LENGTH = 500;

/**
 * What is kept of a failed send in `last_error`: the error's code, the SMTP reply code and its
 * message, shortened. Never the mail itself (nodemailer's errors do not carry the body).
 */
export function describeSendError(error: unknown): string {
  if (!(error instanceof Error)) return String(error).slice(0, MAX_ERROR_LENGTH);
  const { code, responseCode } = error as Error & { code?: unknown; responseCode?: unknown };
  const parts = [
    typeof code === 'string' ? code : error.name,
    typeof responseCode === 'number' ? String(responseCode) : undefined,
  ].filter((p): p is string => p !== undefined);
  const text = `${parts.join(' ')}: ${error.message}`.replace(/\s+/g, ' ').trim();
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}
