// `ggk cbs sync` killed with SIGKILL at random moments (issue 16, Proof; contract cbs-handover.md,
// "Killed at any moment and started again, it ends with every file exactly once and every
// acknowledgement sent"). A real `ggk serve` (web and checks in one process) on its own database;
// 50 gemeenten upload 200 small deliveries through POST /api/v1/deliveries while the sync runs, CBS
// registers withdrawals of some gemeenten meanwhile (some after CBS took their deliveries, some
// before), and `ggk cbs sync --once` is started as a child again and again and SIGKILLed after a
// random delay once it starts taking items (a seeded random: the seed is printed; GGK_CRASH_SEED=…
// repeats a run). When the uploads and withdrawals are over and it was killed MIN_KILLS times, it
// runs until it says it is in sync. Then: every approved file of
// every delivery still in force is in the output folder exactly once, with its SHA-256, nothing else
// is (no withdrawn file, no .part or temporary file); ggk has a receipt for every such delivery,
// naming exactly its files and checksums, and an erasure confirmation for every withdrawal in the
// feed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { watch } from 'node:fs';
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createApiToken } from '../../src/modules/auth/index.ts';
import type { Schema } from '../../src/modules/database-schema.ts';
import { findGemeenteByCode } from '../../src/modules/organisations/index.ts';
import { registerFormWithdrawal } from '../../src/modules/withdrawals/index.ts';
import { connectDatabase } from '../../src/platform/db/database.ts';
import { createEncryptedStore } from '../../src/platform/files/encrypted-store.ts';
import { loadMasterKey } from '../../src/platform/files/master-key.ts';
import { listSyncedFiles } from '../../src/main/cbs-sync.ts';
import { unfinishedUploadsOf } from '../../src/http/deliveries/resumable-upload.ts';
import { cleanEnv, GGK_BIN, startServe, type ServeProcess } from '../support/ggk-process.ts';
import { createEmptyDatabase } from '../support/test-database.ts';
import { makeDataDir } from '../support/delivery-api.ts';
import { generatedFile, uploadFiles, waitUntilChecked } from '../support/handover.ts';

const FAKE_NOW = '2018-02-20T09:00:00Z';
/** The CBS form of a withdrawal is dated in the 2018 round's withdrawal window (12–23 March). */
const WITHDRAWAL_NOW = new Date('2018-03-13T10:00:00Z');
const GEMEENTEN = 50;
/** Per gemeente: four deliveries, the first with two files (the receipt must name both). */
const DELIVERIES: string[][] = [['wmo', 'sbw'], ['jeugd'], ['wmo-kosten'], ['wmo']];
const UPLOADERS = 3;
/** After this many deliveries uploaded, CBS registers the next withdrawal. */
const WITHDRAW_EVERY = 30;
/** A sync run is killed this many milliseconds (uniform) after it starts working, unless it ended. */
const KILL_AFTER: [number, number] = [0, 1_200];
/**
 * Kills go on after the uploads (on the backlog) until there were this many. On the quiet machine
 * the uploads took 10.5 s and the backlog was drained by the first run after them, with 7 kills:
 * kills come sooner now (at most 1.2 s into a run's work) and 5 are asked for.
 */
const MIN_KILLS = 5;

const SEED = process.env.GGK_CRASH_SEED ?? randomBytes(4).toString('hex');

/** mulberry32 on the seed: the kill moments and the choice of withdrawn gemeenten. */
function seededRandom(seed: string): () => number {
  let a = createHash('sha256').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** Every path under `dir` (also the sync's own dot files), relative. */
async function walkAll(dir: string, rel = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => [])) {
    const p = path.join(rel, entry.name);
    if (entry.isDirectory()) found.push(...(await walkAll(dir, p)));
    else found.push(p);
  }
  return found;
}

test('ggk cbs sync killed at random moments while uploads and withdrawals go on: every file once, every receipt sent', async (ctx) => {
  ctx.diagnostic(`seed ${SEED} (GGK_CRASH_SEED=${SEED} repeats this run)`);
  process.stderr.write(`cbs-sync-crash: seed ${SEED}\n`);
  const random = seededRandom(SEED);
  const cleanups: Array<() => Promise<unknown>> = [];
  try {
    const database = await createEmptyDatabase();
    cleanups.push(() => database.drop());
    const dataDir = await makeDataDir('ggk-cbs-crash-');
    cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const out = path.join(dataDir, 'cbs');
    const masterKey = randomBytes(32).toString('hex');
    const env = cleanEnv({
      DATABASE_URL: database.url,
      GGK_DATA_DIR: dataDir,
      GGK_FAKE_NOW: FAKE_NOW,
      GGK_LOG_LEVEL: 'warn',
      GGK_MASTER_KEY: masterKey,
    });
    const serveStarted = Date.now();
    const serve: ServeProcess = await startServe(env);
    const serveSeconds = (Date.now() - serveStarted) / 1000;
    cleanups.push(async () => serve.child.kill('SIGKILL'));

    const token = spawnSync(process.execPath, [GGK_BIN, 'token', 'create', '--cbs', '--name', 'crash'], {
      env,
      encoding: 'utf8',
    });
    assert.equal(token.status, 0, token.stderr);
    const cbs = token.stdout.trim();

    const db = connectDatabase<Schema>(database.url, { max: 3 });
    cleanups.push(() => db.close());
    // Gemeenten outside the demo's collaborations (those delegate jeugd and withdraw by form only).
    const codes = (
      await db.db
        .selectFrom('organisations')
        .select('gemeentecode')
        .where('kind', '=', 'gemeente')
        .where('gemeentecode', '<', '0800')
        .orderBy('gemeentecode')
        .limit(GEMEENTEN)
        .execute()
    ).map((r) => r.gemeentecode!);
    assert.equal(codes.length, GEMEENTEN);
    const tokens = new Map<string, string>();
    for (const code of codes) {
      const gemeente = (await findGemeenteByCode(db.db, code))!;
      const created = await createApiToken(db.db, {
        organisationId: gemeente.id,
        name: 'crash',
        roles: ['aanleveraar'],
        days: 90,
        createdBy: null,
        now: new Date(FAKE_NOW),
      });
      tokens.set(code, created.token);
    }
    const cbsUser = await db.db
      .selectFrom('users')
      .select('id')
      .where('email', '=', 'julia.vandijk@cbs.example')
      .executeTakeFirstOrThrow();
    const round = await db.db
      .selectFrom('rounds')
      .select('id')
      .where('half_year', '=', '2017H2')
      .executeTakeFirstOrThrow();
    // The store of the same data folder and master key, for the withdrawals' destruction of files.
    const store = createEncryptedStore({
      root: path.join(dataDir, 'files'),
      masterKey: await loadMasterKey({
        keyHex: masterKey,
        keyFile: path.join(dataDir, 'keys', 'master.key'),
      }),
    });

    // What was delivered: per delivery id, its gemeente and files (name → SHA-256).
    const delivered = new Map<string, { gemeente: string; files: Map<string, string> }>();
    const doneGemeenten: string[] = [];
    const withdrawnGemeenten: string[] = [];
    let uploads = 0;
    let uploadsWhileSyncing = 0;
    let syncStarted = false;
    let producing = true;

    // The sync: started again and again, killed after a random delay, until production is over
    // and a run that started after it ends by itself, in sync.
    const syncRuns = { kills: 0, killedMidWork: 0, clean: 0 };
    /** Receipts sent per receipt number: twice when a kill fell between the receipt and the cursor. */
    const acknowledged = new Map<string, number>();
    // A run is killed a random while after it starts writing (its first change in the output
    // folder): ggk on this loaded machine takes seconds to start, and a kill before that proves
    // nothing. Its index entries and cursor are written there, so the first change comes as it
    // takes its first item.
    await mkdir(path.join(out, '.index'), { recursive: true });
    let onChange: (() => void) | undefined;
    const watchers = [watch(out), watch(path.join(out, '.index'))];
    for (const w of watchers)
      w.on('change', () => {
        syncStarted = true;
        onChange?.();
      });
    cleanups.push(async () => watchers.forEach((w) => w.close()));
    const sync = (async () => {
      for (;;) {
        const afterUploads: boolean = !producing;
        const finalRun: boolean = afterUploads && syncRuns.kills >= MIN_KILLS;
        const working = new Promise<void>((resolve) => (onChange = resolve));
        const child = spawn(
          process.execPath,
          [GGK_BIN, 'cbs', 'sync', '--url', serve.url, '--token', cbs, '--out', out, '--once'],
          // The same fake clock as ggk's: the erasure it confirms is not in ggk's future.
          { env: cleanEnv({ GGK_FAKE_NOW: FAKE_NOW }) },
        );
        let output = '';
        child.stdout.on('data', (d: Buffer) => (output += d.toString()));
        child.stderr.on('data', (d: Buffer) => (output += d.toString()));
        const ended = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
        const delay = KILL_AFTER[0] + random() * (KILL_AFTER[1] - KILL_AFTER[0]);
        const code: number | null | 'late' = finalRun
          ? await ended
          : await Promise.race([ended, working.then(() => sleep(delay)).then(() => 'late' as const)]);
        onChange = undefined;
        if (code === 'late') {
          child.kill('SIGKILL');
          await ended;
        }
        for (const m of output.matchAll(/^ontvangen: (\S+)/gm))
          acknowledged.set(m[1]!, (acknowledged.get(m[1]!) ?? 0) + 1);
        if (code === 'late') {
          syncRuns.kills++;
          if (/^ontvangen: /m.test(output)) syncRuns.killedMidWork++;
          continue;
        }
        // On failure also ggk's own error lines (level 50+, with their request ids): a 500 seen only
        // under CI's load was not explained without them.
        if (code !== 0) {
          const errors = serve
            .output()
            .split('\n')
            .filter((line) => /"level":(5|6)\d/.test(line))
            .slice(-20)
            .join('\n');
          assert.fail(`ggk cbs sync ended with ${code}:\n${output}\nggk serve, errors:\n${errors}`);
        }
        syncRuns.clean++;
        // Started after the uploads and ended in sync: nothing is left to kill it in.
        if (afterUploads) return;
      }
    })();
    let syncFailed: unknown;
    sync.catch((error: unknown) => (syncFailed = error));

    async function withdraw(code: string): Promise<void> {
      const ids = [...delivered].filter(([, d]) => d.gemeente === code).map(([id]) => id);
      await waitUntilChecked(db.db, ids);
      const outcome = await registerFormWithdrawal(db.db, store, {
        cbsUserId: cbsUser.id,
        gemeentecode: code,
        roundId: round.id,
        receivedOn: '2018-03-13',
        reference: `crash-${code}`,
        now: WITHDRAWAL_NOW,
        baseUrl: serve.url,
        unfinishedUploads: unfinishedUploadsOf(dataDir, store),
      });
      assert.equal(outcome.erased.length, ids.length, `withdrawal of ${code}`);
      withdrawnGemeenten.push(code);
    }

    // The uploads: UPLOADERS clients, each taking the next gemeente and sending its deliveries in
    // order; every WITHDRAW_EVERY deliveries a gemeente that has delivered all is withdrawn.
    const queue = [...codes];
    let nextWithdrawalAt = WITHDRAW_EVERY;
    const withdrawals: Array<Promise<void>> = [];
    const started = Date.now();
    await Promise.all(
      Array.from({ length: UPLOADERS }, async () => {
        for (let code = queue.shift(); code !== undefined; code = queue.shift()) {
          for (const [i, types] of DELIVERIES.entries()) {
            if (syncFailed) throw syncFailed;
            const files = types.map((type, j) =>
              generatedFile(type, code, Number(code) * 10 + i * 3 + j, 6 + ((i + j) % 4)),
            );
            const id = await uploadFiles(serve.url, tokens.get(code)!, files);
            delivered.set(id, {
              gemeente: code,
              files: new Map(files.map((f) => [f.name, sha256(f.bytes)])),
            });
            uploads++;
            if (uploads % 20 === 0)
              process.stderr.write(
                `cbs-sync-crash: ${uploads} uploads in ${((Date.now() - started) / 1000).toFixed(0)} s, sync killed ${syncRuns.kills}x\n`,
              );
            if (syncStarted) uploadsWhileSyncing++;
            if (uploads >= nextWithdrawalAt && doneGemeenten.length > 0) {
              nextWithdrawalAt += WITHDRAW_EVERY;
              // Any gemeente that delivered all: some the sync has long taken, some just now.
              const [pick] = doneGemeenten.splice(Math.floor(random() * doneGemeenten.length), 1);
              withdrawals.push(withdraw(pick!));
            }
          }
          doneGemeenten.push(code);
        }
      }),
    );
    await Promise.all(withdrawals);
    // The last one: a gemeente whose deliveries are only just checked, likely not yet taken.
    await withdraw(doneGemeenten.pop()!);
    await waitUntilChecked(db.db, [...delivered.keys()], 120_000);
    const uploadSeconds = (Date.now() - started) / 1000;
    producing = false;
    const finalRunStarted = Date.now();
    await sync;
    const finalRunSeconds = (Date.now() - finalRunStarted) / 1000;

    ctx.diagnostic(
      `${uploads} deliveries uploaded in ${uploadSeconds.toFixed(1)} s (${uploadsWhileSyncing} after the sync took its first); withdrawn: ${withdrawnGemeenten.join(', ')}; sync runs killed ${syncRuns.kills} (${syncRuns.killedMidWork} after taking a delivery), ended by themselves ${syncRuns.clean}; receipts sent again after a kill: ${[...acknowledged.values()].filter((n) => n > 1).length}; ggk started in ${serveSeconds.toFixed(1)} s, last run ${finalRunSeconds.toFixed(1)} s`,
    );
    assert.ok(uploads >= 200, `at least 200 deliveries: ${uploads}`);
    assert.ok(uploadsWhileSyncing >= 100, `deliveries arrived while the sync ran: ${uploadsWhileSyncing}`);
    assert.ok(syncRuns.kills >= MIN_KILLS, `the sync was killed often: ${JSON.stringify(syncRuns)}`);

    // Every delivery was approved and went into the feed; the withdrawn ones are erased in ggk.
    const rows = await db.db
      .selectFrom('deliveries')
      .select(['id', 'receipt_number', 'state', 'withdrawn_at'])
      .execute();
    assert.equal(rows.length, delivered.size);
    const withdrawn = new Set(withdrawnGemeenten);
    const expected = new Map<string, string>();
    for (const row of rows) {
      const d = delivered.get(row.id)!;
      assert.equal(row.withdrawn_at !== null, withdrawn.has(d.gemeente), `withdrawn: ${row.receipt_number}`);
      if (row.withdrawn_at !== null) continue;
      assert.equal(row.state, 'approved', row.receipt_number);
      for (const [name, sum] of d.files)
        expected.set(path.join('2017H2', d.gemeente, row.receipt_number, name), sum);
    }

    // The output folder: exactly the files in force, each once, with its SHA-256.
    const synced = await listSyncedFiles(out);
    assert.deepEqual(synced, [...expected.keys()].sort(), 'every file in force exactly once, nothing else');
    for (const [file, sum] of expected)
      assert.equal(sha256(await readFile(path.join(out, file))), sum, `SHA-256 of ${file}`);
    const leftovers = (await walkAll(out)).filter((p) => /\.(part|tmp)$/.test(p));
    assert.deepEqual(leftovers, [], 'no partial download or temporary file is left');
    for (const code of withdrawn) {
      const left = await readdir(path.join(out, '2017H2', code)).catch(() => []);
      assert.deepEqual(left, [], `nothing of withdrawn ${code} left`);
    }
    assert.ok((await stat(path.join(out, '.cursor'))).isFile());

    // ggk's side: a receipt for every delivery in force, with exactly its files and checksums.
    const receipts = await db.pool.query<{
      delivery_id: string;
      files: Array<{ fileId: string; sha256: string }>;
    }>('select delivery_id, files from cbs_receipts');
    const byDelivery = new Map(receipts.rows.map((r) => [r.delivery_id, r.files]));
    const offered = await db.pool.query<{ id: string; delivery_id: string; sha256: string }>(
      'select id, delivery_id, sha256 from cbs_handover_files',
    );
    for (const row of rows.filter((r) => r.withdrawn_at === null)) {
      const files = byDelivery.get(row.id);
      assert.ok(files, `receipt for ${row.receipt_number}`);
      assert.deepEqual(
        files.map((f) => f.sha256).sort(),
        [...delivered.get(row.id)!.files.values()].sort(),
        `receipt of ${row.receipt_number} names its files`,
      );
      assert.deepEqual(
        files.map((f) => f.fileId).sort(),
        offered.rows
          .filter((o) => o.delivery_id === row.id)
          .map((o) => o.id)
          .sort(),
      );
    }
    // Every withdrawal in the feed is confirmed erased by CBS.
    const unconfirmed = await db.pool.query<{ delivery_id: string }>(
      `select f.delivery_id from cbs_handover_feed f
        left join cbs_erasure_confirmations e on e.withdrawal_id = f.withdrawal_id
        where f.kind = 'withdrawal' and e.withdrawal_id is null`,
    );
    assert.deepEqual(unconfirmed.rows, [], 'every withdrawal confirmed');
    const withdrawalItems = await db.pool.query<{ n: number }>(
      `select count(*)::int as n from cbs_handover_feed where kind = 'withdrawal'`,
    );
    assert.ok(withdrawalItems.rows[0]!.n >= 1, 'a withdrawal reached the feed');
  } finally {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  }
});
