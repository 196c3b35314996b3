// Wiring for the daily audit anchor on pg-boss (modules/audit/audit-anchor.ts): scheduled every
// night (Amsterdam time); the job itself sends at most one anchor per day, so a retry sends nothing new.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Kysely } from 'kysely';
import type { Config } from '../config/env.ts';
import type { Schema } from '../modules/database-schema.ts';
import {
  AUDIT_ANCHOR_QUEUE,
  deriveAnchorKey,
  insertAnchorKeyWrap,
  readAnchorKeyWrap,
  sendAuditAnchor,
} from '../modules/audit/index.ts';
import type { EncryptedStore } from '../platform/files/encrypted-store.ts';
import { loadMasterKey, loadPreviousMasterKeys } from '../platform/files/master-key.ts';
import { defineQueue, type JobQueue } from '../platform/jobs/job-queue.ts';
import type { Logger } from '../platform/logging/logger.ts';
import { masterKeyOptions, openKeyring } from './deliveries.ts';

export const AUDIT_ANCHOR_SCHEDULE = '30 2 * * *';

/** What the anchor key's wrap is bound to (as a file's wrap is to its file id). */
const ANCHOR_KEY_PURPOSE = 'audit-anchor:v1';

type Keyring = Pick<EncryptedStore, 'wrapKey' | 'unwrapKey'>;

/**
 * The key that signs anchors: kept in the database wrapped by the master key (0027-a), so it stays the
 * same when the master key is rotated (`ggk keys rotate` re-wraps it) and statements signed before a
 * rotation still verify after the old master key is destroyed. The first time, the key derived from
 * the current master key is stored: the key that signed every statement until then.
 */
export async function loadAnchorKey(db: Kysely<Schema>, keyring: Keyring, config: Config): Promise<Buffer> {
  let wrapped = await readAnchorKeyWrap(db);
  if (wrapped === undefined) {
    const derived = deriveAnchorKey((await loadMasterKey(masterKeyOptions(config))).bytes);
    await insertAnchorKeyWrap(db, keyring.wrapKey(derived, ANCHOR_KEY_PURPOSE));
    derived.fill(0);
    wrapped = (await readAnchorKeyWrap(db))!;
  }
  return keyring.unwrapKey(wrapped, ANCHOR_KEY_PURPOSE);
}

/**
 * The keys a statement's signature may fit, when a master key exists (none is made for checking):
 * the stored anchor key, and the keys derived from the current and previous master keys (statements
 * signed before the anchor key was stored, by a master key that is still kept).
 */
export async function findAnchorKeys(config: Config, db: Kysely<Schema>): Promise<Buffer[]> {
  const keyOptions = masterKeyOptions(config);
  if (keyOptions.keyHex === undefined && !existsSync(keyOptions.keyFile)) return [];
  const keys: Buffer[] = [];
  const wrapped = await readAnchorKeyWrap(db);
  if (wrapped !== undefined) keys.push((await openKeyring(config)).unwrapKey(wrapped, ANCHOR_KEY_PURPOSE));
  const previous = await loadPreviousMasterKeys({
    keysHex: config.files.previousMasterKeysHex,
    folder: path.join(config.dataDir, 'keys', 'previous'),
  });
  for (const masterKey of [await loadMasterKey(keyOptions), ...previous])
    keys.push(deriveAnchorKey(masterKey.bytes));
  return keys;
}

export async function startAuditAnchorWorker(input: {
  boss: JobQueue;
  db: Kysely<Schema>;
  config: Config;
  log: Logger;
  store: Keyring;
  now: () => Date;
  onSent?: () => void;
}): Promise<void> {
  const key = await loadAnchorKey(input.db, input.store, input.config);
  await defineQueue(input.boss, AUDIT_ANCHOR_QUEUE, { retryLimit: 3 });
  await input.boss.schedule(
    AUDIT_ANCHOR_QUEUE,
    AUDIT_ANCHOR_SCHEDULE,
    {},
    { tz: 'Europe/Amsterdam', retryLimit: 3 },
  );
  await input.boss.work(AUDIT_ANCHOR_QUEUE, { batchSize: 1 }, async ([job]) => {
    if (!job) return;
    const outcome = await sendAuditAnchor(input.db, { now: input.now(), key });
    input.log.info({ ...outcome, jobId: job.id }, 'audit anchor');
    if (outcome.sent) input.onSent?.();
  });
}
