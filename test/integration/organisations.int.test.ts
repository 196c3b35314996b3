import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addCollaborationMember,
  canCollaborationDeliverFor,
  createGemeenten,
  listCollaborationMembers,
  listCollaborationsOfGemeente,
} from '../../src/modules/organisations/index.ts';
import { createTestDatabase, type TestDatabase } from '../support/test-database.ts';
import { classification, collaboration, gemeente } from '../support/factories.ts';

let t: TestDatabase;
before(async () => {
  t = await createTestDatabase();
});
after(async () => {
  await t.drop();
});

test('registers a gemeente with name and province from the classification', async () => {
  const g = await gemeente(t.db, '0363');
  assert.equal(g.name, 'Amsterdam');
  assert.equal(g.province, 'Noord-Holland');
  assert.equal(g.kind, 'gemeente');
});

test('refuses a gemeentecode that is not in the classification of that year, and a second registration', async () => {
  await assert.rejects(gemeente(t.db, '0007', '2018-01-01'), { code: 'organisation.unknown_gemeente' });
  await assert.rejects(gemeente(t.db, '9999'), { code: 'organisation.unknown_gemeente' });
  await gemeente(t.db, '0344');
  await assert.rejects(gemeente(t.db, '0344'), { code: 'organisation.duplicate' });
});

test('a failed batch registration stores nothing', async () => {
  await assert.rejects(
    t.db.transaction().execute((trx) => createGemeenten(trx, classification, ['0014', '0000'], '2018-01-01')),
    { code: 'organisation.unknown_gemeente' },
  );
  const row = await t.db
    .selectFrom('organisations')
    .select('id')
    .where('gemeentecode', '=', '0014')
    .executeTakeFirst();
  assert.equal(row, undefined);
});

test('a samenwerkingsverband needs a gemeente as lead and a unique name', async () => {
  const maastricht = await gemeente(t.db, '0935');
  const c = await collaboration(t.db, 'Jeugdhulp Zuid-Limburg (test)', maastricht.id);
  assert.equal(c.kind, 'samenwerkingsverband');
  assert.equal(c.lead_gemeente_id, maastricht.id);
  await assert.rejects(collaboration(t.db, 'jeugdhulp zuid-limburg (TEST)', maastricht.id), {
    code: 'organisation.duplicate',
  });
  await assert.rejects(collaboration(t.db, 'Ander verband', c.id), { code: 'organisation.not_a_gemeente' });
  await assert.rejects(collaboration(t.db, '   ', maastricht.id), { code: 'organisation.name_required' });
});

test('members per domain and period: overlap refused, membership answered per date', async () => {
  const lead = await gemeente(t.db, '1883');
  const beek = await gemeente(t.db, '0888');
  const schinnen = await gemeente(t.db, '0962');
  const c = await collaboration(t.db, 'Westelijke Mijnstreek (test)', lead.id);
  await addCollaborationMember(t.db, {
    collaborationId: c.id,
    gemeenteId: lead.id,
    domain: 'jeugd',
    validFrom: '2015-01-01',
  });
  await addCollaborationMember(t.db, {
    collaborationId: c.id,
    gemeenteId: beek.id,
    domain: 'jeugd',
    validFrom: '2015-01-01',
  });
  await addCollaborationMember(t.db, {
    collaborationId: c.id,
    gemeenteId: schinnen.id,
    domain: 'jeugd',
    validFrom: '2015-01-01',
    validTo: '2018-12-31',
  });

  await assert.rejects(
    addCollaborationMember(t.db, {
      collaborationId: c.id,
      gemeenteId: schinnen.id,
      domain: 'jeugd',
      validFrom: '2018-06-01',
    }),
    { code: 'organisation.member_overlap' },
  );
  // The same gemeente in another domain, or after its membership ended, is fine.
  await addCollaborationMember(t.db, {
    collaborationId: c.id,
    gemeenteId: schinnen.id,
    domain: 'wmo',
    validFrom: '2018-06-01',
  });
  await addCollaborationMember(t.db, {
    collaborationId: c.id,
    gemeenteId: schinnen.id,
    domain: 'jeugd',
    validFrom: '2019-01-01',
  });

  await assert.rejects(
    addCollaborationMember(t.db, {
      collaborationId: c.id,
      gemeenteId: beek.id,
      domain: 'wmo',
      validFrom: '2018-01-01',
      validTo: '2017-01-01',
    }),
    { code: 'organisation.member_period_order' },
  );
  await assert.rejects(
    addCollaborationMember(t.db, {
      collaborationId: c.id,
      gemeenteId: c.id,
      domain: 'wmo',
      validFrom: '2018-01-01',
    }),
    { code: 'organisation.not_a_gemeente' },
  );
  await assert.rejects(
    addCollaborationMember(t.db, {
      collaborationId: lead.id,
      gemeenteId: beek.id,
      domain: 'wmo',
      validFrom: '2018-01-01',
    }),
    { code: 'organisation.not_a_collaboration' },
  );

  const jeugd2018 = await listCollaborationMembers(t.db, c.id, '2018-12-31', 'jeugd');
  assert.deepEqual(
    jeugd2018.map((m) => m.gemeentecode),
    ['0888', '0962', '1883'],
  );
  const jeugd2014 = await listCollaborationMembers(t.db, c.id, '2014-12-31', 'jeugd');
  assert.deepEqual(jeugd2014, []);

  assert.equal(await canCollaborationDeliverFor(t.db, c.id, schinnen.id, '2018-03-01', 'jeugd'), true);
  assert.equal(
    await canCollaborationDeliverFor(t.db, c.id, schinnen.id, '2018-03-01', 'beschermd-wonen'),
    false,
  );
  assert.deepEqual(
    (await listCollaborationsOfGemeente(t.db, beek.id, '2018-03-01')).map((o) => o.name),
    ['Westelijke Mijnstreek (test)'],
  );
});

test('the database itself refuses a gemeente without a four-digit code', async () => {
  await assert.rejects(
    t.db
      .insertInto('organisations')
      .values({ kind: 'gemeente', name: 'X', gemeentecode: '36a3', province: null, lead_gemeente_id: null })
      .execute(),
  );
  await assert.rejects(
    t.db
      .insertInto('organisations')
      .values({ kind: 'gemeente', name: 'X', gemeentecode: null, province: null, lead_gemeente_id: null })
      .execute(),
  );
});
