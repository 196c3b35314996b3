import { test } from 'node:test';
import assert from 'node:assert/strict';
import { containsBsnLikeNumber, describeSendError, messageIdFor, retryDelayMs } from './outbox-rules.ts';

// 111222333 and 123456782 pass the elfproef; 123456789 does not.
test('a standalone 9-digit number that passes the elfproef counts as a possible BSN', () => {
  assert.equal(containsBsnLikeNumber('BSN 111222333 is bekend'), true);
  assert.equal(containsBsnLikeNumber('zie https://ggk.example/x?nummer=123456782'), true);
  assert.equal(containsBsnLikeNumber('(123456782)'), true);
});

test('numbers that fail the elfproef, are longer or shorter, or are all zeros are no BSN', () => {
  assert.equal(containsBsnLikeNumber('123456789'), false);
  assert.equal(containsBsnLikeNumber('1111222333'), false);
  assert.equal(containsBsnLikeNumber('11122233'), false);
  assert.equal(containsBsnLikeNumber('000000000'), false);
  assert.equal(containsBsnLikeNumber('Geen nummers hier'), false);
});

test('digit runs inside UUIDs, hashes and tokens in links are not mistaken for a BSN', () => {
  assert.equal(
    containsBsnLikeNumber('https://ggk.example/aanleveringen/0f1e2d3c-aaaa-bbbb-cccc-d111222333ee'),
    false,
  );
  assert.equal(containsBsnLikeNumber('sha256 ab111222333cd'), false);
  assert.equal(containsBsnLikeNumber('token_111222333'), false);
});

test('retries wait 30 s × 2^attempts, at most an hour', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 5, 6, 7, 8, 20].map(retryDelayMs),
    [60_000, 120_000, 240_000, 480_000, 960_000, 1_920_000, 3_600_000, 3_600_000, 3_600_000],
  );
});

test('the Message-ID carries the outbox id and the domain of the sender', () => {
  assert.equal(
    messageIdFor('0f1e2d3c-aaaa-bbbb-cccc-dddddddddddd', 'ggk <noreply@ggk.example.nl>'),
    '<0f1e2d3c-aaaa-bbbb-cccc-dddddddddddd.outbox@ggk.example.nl>',
  );
  assert.equal(messageIdFor('x', 'noreply@cbs.nl'), '<x.outbox@cbs.nl>');
  assert.equal(messageIdFor('x', 'zonder adres'), '<x.outbox@ggk.localhost>');
});

test('a send error is kept as code, reply code and message on one short line', () => {
  const error = Object.assign(new Error('Message failed:\n 550 mailbox unavailable'), {
    code: 'EMESSAGE',
    responseCode: 550,
  });
  assert.equal(describeSendError(error), 'EMESSAGE 550: Message failed: 550 mailbox unavailable');
  assert.equal(describeSendError(new Error('x'.repeat(600))).length, 500);
  assert.equal(describeSendError('plain'), 'plain');
});
