// GET /metrics (Prometheus, only with the scrape token), /health/live and /health/ready on the real
// app and database: the token is required (404 otherwise, as for a route that does not exist),
// requests are counted per route pattern (never the URL with its ids), and the shared figures
// (job queue, outbox, login failures, hand-over backlog) come from PostgreSQL.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const TOKEN = 'scrape-token-0123456789abcdef0123456789';
let t: TestApp;

before(async () => {
  t = await startTestApp({ deliveries: true, env: { GGK_METRICS_TOKEN: TOKEN } });
});
after(() => t.close());

test('GET /metrics answers only with the scrape token', async () => {
  assert.equal((await fetch(`${t.url}/metrics`)).status, 404);
  const wrong = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
  assert.equal(wrong.status, 404);
  const right = await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
  assert.equal(right.status, 200);
  assert.match(right.headers.get('content-type') ?? '', /^text\/plain/);
});

test('the metrics name routes by pattern and report queue, outbox, logins and hand-over from the database', async () => {
  await fetch(`${t.url}/api/v1/deliveries/00000000-0000-4000-8000-000000000000`);
  await fetch(`${t.url}/niet-bestaand/999993653`);
  await t.database.db
    .insertInto('login_attempts')
    .values({ outcome: 'failure', reason: 'level_too_low' })
    .execute();
  const text = await (
    await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })
  ).text();
  assert.match(
    text,
    /ggk_http_requests_total\{method="GET",route="\/api\/v1\/deliveries\/:id",status="401"\} 1/,
  );
  assert.match(text, /ggk_http_requests_total\{method="GET",route="unmatched",status="404"\} [1-9]/);
  assert.doesNotMatch(text, /999993653|00000000-0000-4000/, 'no URL, id or BSN in a label');
  assert.match(text, /ggk_http_request_duration_seconds_bucket\{le="0.1",method="GET",route=/);
  assert.match(text, /ggk_login_failures_last_hour\{reason="level_too_low"\} 1/);
  for (const name of [
    'ggk_outbox_backlog',
    'ggk_job_queue_depth',
    'ggk_job_queue_oldest_waiting_seconds',
    'ggk_delivery_bytes',
    'ggk_check_duration_seconds',
    'ggk_handover_backlog',
    'ggk_process_resident_memory_bytes',
  ]) {
    assert.match(text, new RegExp(`^# TYPE ${name} `, 'm'), name);
  }
  assert.match(text, /ggk_handover_backlog\{measure="items"\} 0/);
  assert.match(text, /ggk_handover_backlog\{measure="erasures"\} 0/);
});

test('/health/live always; /health/ready checks database, migrations and object store', async () => {
  const live = await fetch(`${t.url}/health/live`);
  assert.equal(live.status, 200);
  const ready = await fetch(`${t.url}/health/ready`);
  assert.equal(ready.status, 200);
  assert.deepEqual(await ready.json(), {
    status: 'ok',
    database: 'ok',
    migrations: 'ok',
    objectStore: 'ok',
  });
  // A migration recorded as not applied: not ready (a node started before `ggk migrate` finished).
  const [last] = (
    await t.database.pool.query<{ name: string }>(
      'select name from schema_migrations order by name desc limit 1',
    )
  ).rows;
  await t.database.pool.query('delete from schema_migrations where name = $1', [last!.name]);
  try {
    const pending = await fetch(`${t.url}/health/ready`);
    assert.equal(pending.status, 503);
    assert.equal(((await pending.json()) as { migrations: string }).migrations, 'pending');
  } finally {
    await t.database.pool.query("insert into schema_migrations (name, checksum) values ($1, 'x')", [
      last!.name,
    ]);
  }
});
