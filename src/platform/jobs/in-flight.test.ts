import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createInFlight } from './job-queue.ts';

test('idle() waits until no job is in flight, then lets the waiting work start', async () => {
  const checks = createInFlight();
  const events: string[] = [];
  let finish!: () => void;
  const check = checks.run(async () => {
    events.push('check started');
    await new Promise<void>((resolve) => (finish = resolve));
    events.push('check done');
  });
  const report = checks.idle().then(() => events.push('report started'));
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(events, ['check started'], 'the report waits while the check runs');
  finish();
  await Promise.all([check, report]);
  assert.deepEqual(events, ['check started', 'check done', 'report started']);
});

test('a job that starts while the work waits (the next one fetched) keeps it waiting', async () => {
  const checks = createInFlight();
  const events: string[] = [];
  let finishFirst!: () => void;
  let finishSecond!: () => void;
  const first = checks.run(() => new Promise<void>((resolve) => (finishFirst = resolve)));
  const report = checks.idle().then(() => events.push('report started'));
  finishFirst();
  await first;
  // Within the grace after the first, the worker has fetched the next check.
  const second = checks.run(async () => {
    await new Promise<void>((resolve) => (finishSecond = resolve));
    events.push('second check done');
  });
  await new Promise((resolve) => setTimeout(resolve, 400));
  assert.deepEqual(events, [], 'still waiting for the second check');
  finishSecond();
  await Promise.all([second, report]);
  assert.deepEqual(events, ['second check done', 'report started']);
});

test('idle() gives up waiting after its bound when the jobs never stop, and resolves at once when idle', async () => {
  const checks = createInFlight();
  await checks.idle();
  let finish!: () => void;
  const endless = checks.run(() => new Promise<void>((resolve) => (finish = resolve)));
  const events: string[] = [];
  await checks.idle(20).then(() => events.push('gave up waiting'));
  assert.deepEqual(events, ['gave up waiting']);
  finish();
  await endless;
});

test('a job that starts and ends within the grace starts the grace again', async () => {
  const checks = createInFlight();
  const events: string[] = [];
  await checks.run(async () => undefined);
  const report = checks.idle().then(() => events.push('report started'));
  // 200 ms into the 250 ms grace a short check comes and goes.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await checks.run(async () => undefined);
  // The first grace would have ended at 250 ms; the check's own ends 250 ms after it.
  await new Promise((resolve) => setTimeout(resolve, 60));
  assert.deepEqual(events, [], 'still within the grace after the second check');
  await report;
  assert.deepEqual(events, ['report started']);
});
