// `ggk keys rotate` (main/key-rotation.ts) on the real database and store: after a rotation every
// delivered file opens with the new master key alone (SHA-256 as on the receipt); a second run finds
// nothing to do; a key destroyed by a withdrawal meanwhile stays destroyed; the objects are untouched.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createApiToken } from '../../src/modules/auth/index.ts';
import { rotateWrappedKeys } from '../../src/main/key-rotation.ts';
import { createEncryptedStore, UnknownMasterKeyError } from '../../src/platform/files/encrypted-store.ts';
import { loadMasterKey, MasterKey } from '../../src/platform/files/master-key.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
before(async () => {
  t = await startTestApp({ now: () => new Date('2018-02-20T09:00:00Z'), deliveries: true });
});
after(() => t.close());

async function deliver(token: string, fixture: string, name: string): Promise<string> {
  const body = new FormData();
  body.append('halfjaar', '2017H2');
  body.append(
    'bestanden',
    new Blob([await readFile(path.resolve('test/fixtures/validation', fixture))]),
    name,
  );
  const res = await fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    body,
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(res.status, 201, await res.clone().text());
  return ((await res.json()) as { id: string }).id;
}

test('rotate re-wraps every data key under the new master key; idempotent; never revives a destroyed key', async () => {
  const db = t.database.db;
  const org = await db
    .selectFrom('organisations')
    .select('id')
    .where('gemeentecode', '=', '0363')
    .executeTakeFirstOrThrow();
  const { token } = await createApiToken(db, {
    organisationId: org.id,
    name: 'test',
    roles: ['aanleveraar'],
    days: 60,
    createdBy: null,
    now: new Date('2018-02-20T09:00:00Z'),
  });
  await deliver(token, 'valid-wmo/WMO_0363_2017H2.csv', 'WMO_0363_2017H2.csv');
  await deliver(token, 'valid-sbw/SBW_0363_2017H2.csv', 'SBW_0363_2017H2.csv');
  const withdrawn = await deliver(token, 'valid-jeugd/JEUGD_0363_2017H2.csv', 'JEUGD_0363_2017H2.csv');
  // As a withdrawal does: the key destroyed (the object may go later).
  await db
    .updateTable('delivery_files')
    .set({ wrapped_key: null })
    .where('delivery_id', '=', withdrawn)
    .execute();

  const root = path.join(t.config.dataDir, 'files');
  const oldKey = await loadMasterKey({ keyFile: path.join(t.config.dataDir, 'keys', 'master.key') });
  const newKey = new MasterKey(randomBytes(32));
  const rotating = createEncryptedStore({ root, masterKey: newKey, previousMasterKeys: [oldKey] });
  const objectsBefore = await rotating.listStoredFileIds();

  const first = await rotateWrappedKeys(db, rotating);
  // The two live files' keys and the audit anchor's key (its worker stored it at start).
  assert.deepEqual(first, { rewrapped: 3, remaining: 0 });
  const second = await rotateWrappedKeys(db, rotating);
  assert.deepEqual(second, { rewrapped: 0, remaining: 0 }, 'a second run finds nothing to do');

  const files = await db
    .selectFrom('delivery_files')
    .select(['stored_file_id', 'wrapped_key', 'sha256', 'delivery_id'])
    .execute();
  const newOnly = createEncryptedStore({ root, masterKey: newKey });
  const oldOnly = createEncryptedStore({ root, masterKey: oldKey });
  for (const f of files) {
    if (f.delivery_id === withdrawn) {
      assert.equal(f.wrapped_key, null, 'a destroyed key stays destroyed');
      continue;
    }
    assert.ok(f.wrapped_key!.startsWith(`v1.${newKey.id}.`));
    const ref = { fileId: f.stored_file_id, wrappedKey: f.wrapped_key! };
    assert.equal((await newOnly.verify(ref)).sha256, f.sha256, 'opens with the new key alone');
    await assert.rejects(oldOnly.verify(ref), UnknownMasterKeyError, 'the old key is no longer needed');
  }
  assert.deepEqual(await rotating.listStoredFileIds(), objectsBefore, 'objects untouched');
});
