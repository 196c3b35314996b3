// The log scan that ends every test run must really find what it looks for (planted lines), must
// not cry wolf on what ggk normally logs (ids, timestamps, durations, masked values), and ggk's
// logger must indeed leave nothing for it to find.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { PassThrough } from 'node:stream';
import { createLogger } from '../../src/platform/logging/logger.ts';
import { scanLogText } from './log-scan.ts';

// 111222333 passes the elfproef (9·1+8·1+7·1+6·2+5·2+4·2+3·3+2·3−3 = 66 = 6·11).
const BSN = '111222333';
const TOKEN = 'ggk_Qm9vZ2llV29vZ2llQm9vZ2llV29vZ2ll';

test('planted secrets are found, each with its kind, in JSON and in plain lines', () => {
  const lines = [
    JSON.stringify({ level: 30, msg: `record of ${BSN} rejected` }),
    JSON.stringify({ level: 30, nested: { deep: [{ bsn_copy: `x ${BSN}` }] } }),
    `plain text line with ${BSN} in it`,
    JSON.stringify({ level: 30, msg: 'token made', value: TOKEN }),
    JSON.stringify({ level: 30, headers: { authorization: 'Bearer abcdefghijklmnopqrstuvwxyz' } }),
    'cookie: ggk_session=Zm9vYmFyYmF6cXV4cXV1eA; Path=/',
    JSON.stringify({ level: 30, req: { url: '/uitnodiging/Zm9vYmFyYmF6cXV4cXV1eA' } }),
    JSON.stringify({
      level: 50,
      err: { code: 'FST_ERR_REP_ALREADY_SENT', message: 'Reply was already sent' },
    }),
  ].join('\n');
  const findings = scanLogText(lines, 'planted.log');
  assert.deepEqual(
    findings.map((f) => `${f.line}:${f.kind}`),
    ['1:bsn', '2:bsn', '3:bsn', '4:api-token', '5:bearer', '6:cookie', '7:invitation', '8:double-reply'],
  );
  assert.ok(
    findings.every((f) => !f.excerpt.includes(BSN) && !f.excerpt.includes(TOKEN)),
    'the report masks what it found',
  );
});

test('ids, timestamps, durations, non-elfproef numbers and masked values are not findings', () => {
  const lines = [
    JSON.stringify({
      level: 30,
      time: 1764500000123,
      pid: 4242,
      reqId: '3f2a1b9c-1234-4def-8abc-123456789abc',
      responseTime: 12.123456789,
      msg: 'request completed',
      res: { statusCode: 200 },
    }),
    JSON.stringify({ level: 30, msg: 'record 123456789 has an error' }), // fails the elfproef
    JSON.stringify({ level: 30, msg: `masked ${BSN.slice(0, 5)}****`, authorization: '[verborgen]' }),
    JSON.stringify({ level: 30, msg: 'token created', prefix: 'ggk_Ab12Cd' }),
    JSON.stringify({ level: 30, req: { url: '/uitnodiging/[verborgen]' } }),
    'ggk draait op http://127.0.0.1:3100',
  ].join('\n');
  assert.deepEqual(scanLogText(lines, 'clean.log'), []);
});

test('what ggk logs about a request with secrets leaves nothing for the scan', async () => {
  const stream = new PassThrough();
  let written = '';
  stream.on('data', (d: Buffer) => (written += d.toString()));
  const log = createLogger({ level: 'debug', destination: stream });
  log.info(
    {
      req: {
        method: 'POST',
        url: `/uitnodiging/Zm9vYmFyYmF6cXV4cXV1eA?bsn=${BSN}`,
        headers: { authorization: `Bearer ${TOKEN}`, cookie: 'ggk_session=Zm9vYmFyYmF6cXV4cXV1eA' },
      },
      bsn: BSN,
      detail: { line: `value ${BSN}` },
      token: TOKEN,
    },
    `upload for ${BSN}`,
  );
  log.error({ err: new Error(`bad BSN ${BSN}`) }, 'failed');
  await new Promise((resolve) => setImmediate(resolve));
  assert.ok(written.length > 0);
  assert.deepEqual(scanLogText(written, 'logger.log'), []);
});
