// Refusals through the API in the visitor's language: the problem+json title of a refusal and the
// fixed titles (not found) are Dutch by default and English with the language cookie, with the
// refusal's values (the delivery window's dates, an earlier delivery) written for that language.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createCbsToken } from '../../src/modules/auth/index.ts';
import { deliveryToken } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const FIXTURE = path.resolve('test/fixtures/validation/valid-wmo/WMO_0363_2017H2.csv');
let now = new Date('2018-02-20T09:00:00Z');
let t: TestApp;
let token: string;

before(async () => {
  t = await startTestApp({ now: () => now, deliveries: true });
  token = await deliveryToken(t.database.db, now);
});
after(async () => {
  await t.close();
});

async function problem(pathname: string, init: RequestInit & { locale?: string } = {}) {
  const res = await fetch(`${t.url}${pathname}`, {
    ...init,
    headers: {
      authorization: `Bearer ${token}`,
      ...(init.locale ? { cookie: `ggk_taal=${init.locale}` } : {}),
    },
  });
  assert.match(res.headers.get('content-type') ?? '', /application\/problem\+json/);
  return { status: res.status, body: (await res.json()) as { title: string; code?: string } };
}

async function csvForm() {
  const body = new FormData();
  body.append('halfjaar', '2017H2');
  body.append('bestanden', new Blob([await readFile(FIXTURE)]), 'WMO_0363_2017H2.csv');
  return body;
}

/** A refused upload: the problem+json in the given language (none: the default, Dutch). */
async function refusedUpload(locale?: string) {
  return problem('/api/v1/deliveries', {
    method: 'POST',
    body: await csvForm(),
    ...(locale ? { locale } : {}),
  });
}

test('a file delivered before (being checked or in force) is refused in English with the gemeente, half year, date and receipt', async () => {
  const first = await fetch(`${t.url}/api/v1/deliveries`, {
    method: 'POST',
    body: await csvForm(),
    headers: { authorization: `Bearer ${token}` },
  });
  assert.equal(first.status, 201, await first.clone().text());
  const english = await refusedUpload('en');
  assert.equal(english.status, 409);
  assert.equal(english.body.code, 'delivery.duplicate_file');
  assert.match(
    english.body.title,
    /^“WMO_0363_2017H2\.csv” (?:was already delivered for Amsterdam, 2017H2, and is still being checked|is already approved and in force for Amsterdam, 2017H2) \(delivered on 20 February 2018 at 10:00, receipt GGK-2018-\d{6}\)\. It was not stored again\.$/,
  );
  const dutch = await refusedUpload();
  assert.match(
    dutch.body.title,
    /^“WMO_0363_2017H2\.csv” is al (?:aangeleverd|goedgekeurd en van kracht) voor Amsterdam, 2017H2.* 20 februari 2018 om 10:00.*ontvangstbewijs GGK-2018-\d{6}\)\. Het is niet opnieuw opgeslagen\.$/,
  );
});

test('a refusal through the API is Dutch by default and English with the language cookie', async () => {
  now = new Date('2018-03-12T09:00:00Z');
  const dutch = await refusedUpload();
  assert.equal(dutch.status, 409);
  assert.equal(dutch.body.code, 'delivery.window_closed');
  assert.match(dutch.body.title, /gesloten.*12 februari 2018 tot en met 9 maart 2018/);

  const english = await refusedUpload('en');
  assert.equal(english.status, 409);
  assert.equal(english.body.code, 'delivery.window_closed');
  assert.match(
    english.body.title,
    /^The delivery window has closed\. Delivering was possible from 12 February 2018 .*up to and including 9 March 2018/,
  );
  assert.doesNotMatch(english.body.title, /[{}]/);
});

test('the fixed titles of the API come from the catalogue', async () => {
  const dutch = await problem('/api/v1/bestaat-niet');
  assert.equal(dutch.status, 404);
  assert.equal(dutch.body.title, 'Niet gevonden.');
  const english = await problem('/api/v1/bestaat-niet', { locale: 'en' });
  assert.equal(english.status, 404);
  assert.equal(english.body.title, 'Not found.');
});

test("a request its route schema refuses is explained in the visitor's language", async () => {
  const cbs = (await createCbsToken(t.database.db, { name: 'cbs', days: 30, createdBy: null, now })).token;
  const ask = async (locale?: string) => {
    const res = await fetch(`${t.url}/api/v1/cbs/handovers?limit=0`, {
      headers: { authorization: `Bearer ${cbs}`, ...(locale ? { cookie: `ggk_taal=${locale}` } : {}) },
    });
    assert.equal(res.status, 400);
    return (await res.json()) as { code: string; detail: string };
  };
  const dutch = await ask();
  assert.equal(dutch.code, 'http.bad_request');
  assert.equal(dutch.detail, 'querystring/limit: Te klein: verwacht dat number >=1 is');
  const english = await ask('en');
  assert.equal(english.code, 'http.bad_request');
  assert.match(english.detail, /^querystring\/limit: Too small: expected number to be >=1$/);
});
