// The upload path hands the multipart parser's body chunks to the encrypted store, which frees each
// one as soon as it has hashed and encrypted it (WriteOptions.releaseChunks, issue 21). Freeing a
// buffer the parser still uses would change the bytes of what comes after it: this sends files whose
// content is full of near-boundaries ("\r\n--" and ever longer prefixes of the real boundary, so the
// parser's boundary search keeps bytes aside across chunk edges), CRLF lines, a file too small to be
// freed, and the form's field after the files, and checks every file's size and SHA-256 on the
// receipt against what was sent, and the stored files decrypted back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { openKeyring } from '../../src/main/deliveries.ts';
import { deliveryToken } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let token: string;
const now = new Date('2018-02-20T09:00:00Z');

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  token = await deliveryToken(t.database.db, now);
});
after(async () => {
  await t.close();
});

/** About `bytes` of CRLF lines, many of them near-boundaries of `boundary`, ending in a prefix. */
function hostileContent(boundary: string, bytes: number, seed: number): Buffer {
  const parts: Buffer[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const k = (i * 7 + seed) % (boundary.length + 4);
    const near = `\r\n--${boundary}`.slice(0, k);
    const line = Buffer.from(
      `2017-07-01;0363;${String(100000000 + i)};${'x'.repeat((i * 13) % 200)}${near}\r\n`,
    );
    parts.push(line);
    size += line.length;
  }
  // The last bytes look like the start of the boundary that follows.
  parts.push(Buffer.from(`\r\n--${boundary.slice(0, boundary.length - 1)}`));
  return Buffer.concat(parts);
}

test('files full of near-boundaries arrive byte for byte: receipt sizes and hashes, stored plaintext', async () => {
  const boundary = `----ggktest${randomBytes(8).toString('hex')}`;
  const files = [
    { name: 'WMO_0363_2017H2.csv', content: hostileContent(boundary, 3_000_000, 1) },
    { name: 'klein.csv', content: Buffer.from('a;b\r\n--\r\n-') },
    { name: 'JEUGD_0363_2017H2.csv', content: hostileContent(boundary, 1_500_000, 5) },
    { name: 'random.bin', content: randomBytes(700_000) },
  ];
  const body = Buffer.concat([
    ...files.flatMap((f, i) => [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="bestand${i}"; filename="${f.name}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      f.content,
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="halfjaar"\r\n\r\n2017H2\r\n`),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
  const res = await fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    },
    body,
  });
  assert.equal(res.status, 201, await res.clone().text());
  const receipt = (await res.json()) as {
    id: string;
    files: Array<{ name: string; sha256: string; bytes: number }>;
  };
  const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  assert.deepEqual(
    receipt.files
      .map((f) => ({ name: f.name, bytes: f.bytes, sha256: f.sha256 }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
    files
      .map((f) => ({ name: f.name, bytes: f.content.length, sha256: sha256(f.content) }))
      .sort((a, b) => (a.name < b.name ? -1 : 1)),
  );

  // What is stored decrypts to the same bytes.
  const store = await openKeyring(t.config);
  const rows = await t.database.db
    .selectFrom('delivery_files')
    .select(['name', 'stored_file_id', 'wrapped_key'])
    .where('delivery_id', '=', receipt.id)
    .execute();
  assert.equal(rows.length, files.length);
  for (const row of rows) {
    const chunks: Uint8Array[] = [];
    for await (const chunk of store.read({ fileId: row.stored_file_id, wrappedKey: row.wrapped_key! }))
      chunks.push(chunk);
    const sent = files.find((f) => f.name === row.name)!;
    assert.equal(sha256(Buffer.concat(chunks)), sha256(sent.content), row.name);
  }
});
