// A token's last use (api_tokens.last_used_at) is kept to the minute: a closing day's uploads with one
// token do not write the token row on every request (issue 21), and a use after the minute does.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { authenticateApiToken, createApiToken } from '../../src/modules/auth/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { gemeente } from '../support/factories.ts';

let database: TestDatabase;

before(async () => {
  database = await createTestDatabase();
});
after(async () => {
  await database.drop();
});

test('a token used again within the minute keeps its last use; after the minute it is written again', async () => {
  const db = database.db;
  const t0 = new Date('2018-03-15T10:00:00.000Z');
  const organisation = await gemeente(db, '0363');
  const { token, row } = await createApiToken(db, {
    organisationId: organisation.id,
    name: 'aanleverpakket',
    roles: ['aanleveraar'],
    days: 30,
    createdBy: null,
    now: t0,
  });
  const lastUse = async () =>
    (
      await db
        .selectFrom('api_tokens')
        .select('last_used_at')
        .where('id', '=', row.id)
        .executeTakeFirstOrThrow()
    ).last_used_at;
  assert.equal(await lastUse(), null);

  const at = (ms: number) => new Date(t0.getTime() + ms);
  assert.equal((await authenticateApiToken(db, token, at(1_000)))?.kind, 'token');
  assert.deepEqual(await lastUse(), at(1_000), 'the first use is written');
  assert.equal((await authenticateApiToken(db, token, at(60_999)))?.kind, 'token');
  assert.deepEqual(await lastUse(), at(1_000), 'within the minute: not written again');
  assert.equal((await authenticateApiToken(db, token, at(61_000)))?.kind, 'token');
  assert.deepEqual(await lastUse(), at(61_000), 'a minute later: written');
});
