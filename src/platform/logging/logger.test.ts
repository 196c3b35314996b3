import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createLogger, maskBsnLikeNumbers } from './logger.ts';

function capture() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on('data', (d: Buffer) => lines.push(...d.toString().split('\n').filter(Boolean)));
  return { log: createLogger({ level: 'info', destination: stream }), lines };
}

test('never writes a BSN, a cookie or an authorization header to the log', async () => {
  const { log, lines } = capture();
  log.info(
    {
      bsn: '111222333',
      record: { BSN_client: '123456782', nested: [{ burgerservicenummer: '999999990' }] },
      req: { headers: { cookie: 'session=geheim', authorization: 'Bearer geheim' } },
      note: 'regel 17 met 111222333 en ordernummer 123456789',
    },
    'gevonden in 111222333',
  );
  await new Promise((r) => setImmediate(r));
  const text = lines.join('\n');
  assert.doesNotMatch(text, /111222333|123456782|999999990|geheim/);
  assert.match(text, /11122\*\*\*\*/);
  // A 9-digit number that fails the elfproef is not a BSN and stays readable.
  assert.match(text, /123456789/);
});

test('masks only 9-digit runs that pass the elfproef', () => {
  assert.equal(maskBsnLikeNumbers('bsn 111222333.'), 'bsn 11122****.');
  assert.equal(maskBsnLikeNumbers('1112223334'), '1112223334');
  assert.equal(maskBsnLikeNumbers('000000000'), '000000000');
});

test('request lines keep method and url, without invitation secrets', async () => {
  const { log, lines } = capture();
  log.info(
    {
      req: { method: 'GET', url: '/uitnodiging/geheim-token?x=1', headers: { cookie: 'a=b' } },
      res: { statusCode: 200 },
    },
    'request',
  );
  await new Promise((r) => setImmediate(r));
  const line = JSON.parse(lines.at(-1)!);
  assert.deepEqual(line.req, { method: 'GET', url: '/uitnodiging/[verborgen]?x=1' });
  assert.deepEqual(line.res, { statusCode: 200 });
});

test('request lines never carry a resumable upload id, nor what follows it', async () => {
  const { log, lines } = capture();
  const id = 'a'.repeat(32);
  log.info({ req: { method: 'PATCH', url: `/aanleveren/hervatbaar/${id}?x=/${'b'.repeat(32)}` } }, 'request');
  await new Promise((r) => setImmediate(r));
  const line = JSON.parse(lines.at(-1)!);
  assert.deepEqual(line.req, { method: 'PATCH', url: '/aanleveren/hervatbaar/[verborgen]' });
});
