// The shared rate-limit store: two "nodes" (each its own pool and store, as two `ggk serve` processes
// have) count one budget on one database; windows restart; limits keep apart; expired rows go.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { connectDatabase } from '../platform/db/database.ts';
import { testLogger } from '../../test/support/log-sink.ts';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database.ts';
import { postgresRateLimitStore } from './rate-limit-store.ts';

type Result = { current: number; ttl: number };
type Store = FastifyRateLimitStore & {
  read(key: string, cb: (error: Error | null, result?: Result) => void): void;
};

let database: TestDatabase;
const pools: Array<{ close(): Promise<void> }> = [];
before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  for (const p of pools) await p.close();
  await database.drop();
});

function node(): Store {
  const d = connectDatabase(database.url, { max: 4 });
  pools.push(d);
  const Ctor = postgresRateLimitStore(d.pool, testLogger('rate-limit-store'));
  return new Ctor({}) as Store;
}

const incr = (store: Store, key: string, window = 60_000) =>
  new Promise<Result>((resolve, reject) =>
    store.incr(key, (error, result) => (error ? reject(error) : resolve(result!)), window, 10),
  );
const read = (store: Store, key: string) =>
  new Promise<Result>((resolve, reject) =>
    store.read(key, (error, result) => (error ? reject(error) : resolve(result!))),
  );
const child = (store: Store, options: object) =>
  store.child(options as Parameters<Store['child']>[0]) as Store;

test('two nodes counting one key at the same time share one count', async () => {
  const a = node();
  const b = node();
  const results = await Promise.all(
    Array.from({ length: 60 }, (_, i) => incr(i % 2 === 0 ? a : b, 'token:t1')),
  );
  const counts = results.map((r) => r.current).sort((x, y) => x - y);
  assert.deepEqual(
    counts,
    Array.from({ length: 60 }, (_, i) => i + 1),
  );
  for (const r of results) assert.ok(r.ttl > 0 && r.ttl <= 60_000, String(r.ttl));
  assert.equal((await read(b, 'token:t1')).current, 60);
  assert.equal((await read(a, 'token:other')).current, 0);
});

test('a window restarts once it has passed, counted from the first request', async () => {
  const a = node();
  const b = node();
  assert.equal((await incr(a, 'ip:1', 300)).current, 1);
  assert.equal((await incr(b, 'ip:1', 300)).current, 2);
  await new Promise((r) => setTimeout(r, 400));
  assert.equal((await read(a, 'ip:1')).current, 0);
  const fresh = await incr(b, 'ip:1', 300);
  assert.equal(fresh.current, 1);
  assert.ok(fresh.ttl > 200, String(fresh.ttl));
});

test('each limit counts apart: the general one, a route of its own, a shared group', async () => {
  const a = node();
  const b = node();
  await incr(a, 'ip:2');
  const loginA = child(a, { routeInfo: { method: 'POST', url: '/aanmelden' } });
  const loginB = child(b, { routeInfo: { method: 'POST', url: '/aanmelden' } });
  const uploadB = child(b, { routeInfo: {}, groupId: 'upload' });
  assert.equal((await incr(loginA, 'ip:2')).current, 1);
  assert.equal((await incr(loginB, 'ip:2')).current, 2, 'the same route on another node: one budget');
  assert.equal((await incr(uploadB, 'ip:2')).current, 1);
  assert.equal((await incr(b, 'ip:2')).current, 2);
  assert.throws(() => child(a, { routeInfo: {} }), /groupId/);
});

test('expired rows are deleted by a later count', async () => {
  const a = node();
  await incr(a, 'ip:old', 1);
  await new Promise((r) => setTimeout(r, 20));
  const b = node(); // a fresh node has not cleaned yet: its first count does
  await incr(b, 'ip:new');
  await new Promise((r) => setTimeout(r, 200));
  const { rows } = await database.pool.query<{ key: string }>('select key from rate_limit_counters');
  assert.ok(!rows.some((r) => r.key.endsWith('ip:old')), JSON.stringify(rows));
  assert.ok(rows.some((r) => r.key === 'general|ip:new'));
});

test('a database that cannot answer is reported as an error (the limiter then lets the request pass)', async () => {
  const d = connectDatabase(database.url, { max: 1 });
  const Ctor = postgresRateLimitStore(d.pool, testLogger('rate-limit-store'));
  const store = new Ctor({}) as Store;
  await d.close();
  await assert.rejects(incr(store, 'ip:3'));
  await assert.rejects(read(store, 'ip:3'));
});
