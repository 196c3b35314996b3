// Anchoring the audit trail outside the database. The hash chain shows any change *inside* the
// chain, but whoever may rewrite the table can also recompute every hash after their change, or cut
// off the newest entries. So every day ggk mails a signed statement of the chain's head (sequence
// number and hash) to the operator and CBS, who keep it; `ggk audit verify --expect-file <statement>`
// later shows whether that head is still in the trail. The statement holds no link and no personal
// data. The signature is an HMAC-SHA256 with the anchor key, which the database holds only wrapped
// by the master key (kept outside it; main/audit-anchor.ts), so a statement cannot be forged by
// someone who only has the database, and it stays the same key when the master key is rotated.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { inTransaction } from '../../platform/db/database.ts';
import type { Db } from '../database-schema.ts';
import { enqueueMail } from '../notifications/index.ts';
import { bilingualMail } from '../i18n/index.ts';
import { recordAudit, SYSTEM_ACTOR, verifyAuditChain } from './audit-service.ts';
import {
  countStaleAnchorKeyWraps,
  findChainHead,
  findEntryHash,
  hasAnchorOnDayOf,
  hasEntryWithHash,
  listAnchorRecipients,
  listStaleAnchorKeyWraps,
  replaceAnchorKeyWrap,
} from './audit-repository.ts';

export const AUDIT_ANCHOR_QUEUE = 'audit-anchor';
const STATEMENT_HEADER = 'ggk-audit-anker v1';
const SIGNATURE_LABEL = 'handtekening: hmac-sha256:';

/**
 * HKDF-SHA256 of a master key, for this use only (the master key itself never signs): the anchor key
 * before it was kept wrapped (0027-a), and the first key stored then, so earlier statements verify.
 */
export function deriveAnchorKey(masterKey: Uint8Array): Buffer {
  return Buffer.from(hkdfSync('sha256', masterKey, Buffer.alloc(0), 'ggk audit anchor v1', 32));
}

export interface AnchorFacts {
  seq: number;
  hash: string;
  at: Date;
  /** Whether the chain up to the head verified when the statement was made. */
  chainOk: boolean;
}

function keys(key: Uint8Array | readonly Uint8Array[]): readonly Uint8Array[] {
  return key instanceof Uint8Array ? [key] : key;
}

function sign(body: string, key: Uint8Array): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('base64url');
}

/** The statement as kept by its recipients: plain lines, the last one its signature. */
export function anchorStatement(facts: AnchorFacts, key: Uint8Array): string {
  const body = [
    STATEMENT_HEADER,
    `volgnummer: ${facts.seq}`,
    `hash: ${facts.hash}`,
    `tijdstip: ${facts.at.toISOString()}`,
    `keten: ${facts.chainOk ? 'onbroken' : 'GEBROKEN'}`,
  ].join('\n');
  return `${body}\n${SIGNATURE_LABEL}${sign(body, key)}`;
}

export interface AuditExpectation {
  /** The entry the hash belongs to, when known (a statement names it). */
  seq?: number;
  hash: string;
}

/**
 * What `--expect`/`--expect-file` give: a hash, `<seq>:<hash>`, or whole statements (several may sit
 * in one file, e.g. a folder of mails concatenated). A statement's signature is checked when a key is
 * given (any of several keys may fit); a statement whose signature fits none is refused (it was not
 * made by this ggk).
 */
export function parseExpectations(
  text: string,
  key?: Uint8Array | readonly Uint8Array[],
): { expectations: AuditExpectation[]; problems: string[]; forged: string[] } {
  const expectations: AuditExpectation[] = [];
  const problems: string[] = [];
  const forged: string[] = [];
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === STATEMENT_HEADER) {
      const block = lines.slice(i, i + 6);
      const body = block.slice(0, 5).join('\n');
      const seq = /^volgnummer: (\d+)$/.exec(block[1] ?? '')?.[1];
      const hash = /^hash: ([0-9a-f]{64})$/.exec(block[2] ?? '')?.[1];
      const signature = (block[5] ?? '').startsWith(SIGNATURE_LABEL)
        ? block[5]!.slice(SIGNATURE_LABEL.length)
        : undefined;
      if (seq === undefined || hash === undefined) {
        problems.push(`het anker op regel ${i + 1} is onvolledig`);
      } else if (
        key !== undefined &&
        signature !== undefined &&
        !keys(key).some((k) => signatureFits(body, signature, k))
      ) {
        forged.push(`de handtekening van het anker voor regel ${seq} klopt niet: niet door deze ggk gemaakt`);
      } else {
        expectations.push({ seq: Number(seq), hash });
      }
      i += 5;
      continue;
    }
    const bare = /^(?:(\d+)\s*:\s*)?([0-9a-f]{64})$/i.exec(line);
    if (bare) {
      expectations.push({
        ...(bare[1] !== undefined ? { seq: Number(bare[1]) } : {}),
        hash: bare[2]!.toLowerCase(),
      });
    }
  }
  if (expectations.length === 0 && problems.length === 0 && forged.length === 0)
    problems.push('geen verwachte hash gevonden (verwacht: een hash, <volgnummer>:<hash> of een anker)');
  return { expectations, problems, forged };
}

function signatureFits(body: string, signature: string, key: Uint8Array): boolean {
  const expected = Buffer.from(sign(body, key));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Each expectation that the trail no longer meets, in words. Empty: every anchored head is still there. */
export async function checkAuditExpectations(
  db: Db,
  expectations: readonly AuditExpectation[],
): Promise<string[]> {
  const problems: string[] = [];
  for (const e of expectations) {
    if (e.seq !== undefined) {
      const hash = await findEntryHash(db, e.seq);
      if (hash === undefined)
        problems.push(
          `regel ${e.seq} uit het anker bestaat niet meer: de audittrail is ingekort of herschreven`,
        );
      else if (hash !== e.hash)
        problems.push(
          `regel ${e.seq} heeft nu hash ${hash}, het anker zegt ${e.hash}: de audittrail is herschreven`,
        );
    } else if (!(await hasEntryWithHash(db, e.hash))) {
      problems.push(`hash ${e.hash} komt niet (meer) voor: de audittrail is herschreven of ingekort`);
    }
  }
  return problems;
}

/**
 * The daily job: verifies the chain, mails the signed statement of its head to every active operator
 * and CBS user (link-free, through the outbox), and records that it did. Once per day: a retry or a
 * second run on the same day sends nothing new.
 */
export async function sendAuditAnchor(
  db: Db,
  input: { now: Date; key: Uint8Array },
): Promise<{ sent: boolean; recipients: number; seq: number }> {
  const verification = await verifyAuditChain(db);
  return inTransaction(db, async (trx) => {
    const anchoredToday = await hasAnchorOnDayOf(trx, input.now);
    const head = await findChainHead(trx);
    if (anchoredToday || !head) return { sent: false, recipients: 0, seq: head?.seq ?? 0 };
    const statement = anchorStatement(
      { seq: head.seq, hash: head.hash, at: input.now, chainOk: verification.ok },
      input.key,
    );
    const recipients = await listAnchorRecipients(trx);
    const mail = bilingualMail('mail.auditAnchor.subject', 'mail.auditAnchor.body', () => ({
      seq: head.seq,
      statement,
    }));
    for (const email of recipients) {
      await enqueueMail(trx, {
        recipient: email,
        subject: mail.subject,
        text: mail.text,
        kind: 'audit_anchor',
        at: input.now,
        dedupeKey: `audit-anchor:${head.seq}:${email.toLowerCase()}`,
      });
    }
    await recordAudit(trx, {
      actor: SYSTEM_ACTOR,
      organisationId: null,
      action: 'audit.anchored',
      details: {
        anchored_seq: head.seq,
        anchored_hash: head.hash,
        chain_ok: verification.ok,
        recipients: recipients.length,
      },
      at: input.now,
    });
    return { sent: true, recipients: recipients.length, seq: head.seq };
  });
}

/** The audit anchor's signing key for `ggk keys rotate` (main/key-rotation.ts): the wraps of audit_anchor_key, which this module owns. */
export const anchorKeyWraps = {
  table: 'audit_anchor_key',
  listStale: listStaleAnchorKeyWraps,
  replace: replaceAnchorKeyWrap,
  countStale: countStaleAnchorKeyWraps,
};
