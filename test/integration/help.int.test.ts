// The help section (issue 20): public pages in Dutch and English with the servicedesk, eHerkenning
// (EH3, which service, the assumption marked), the FAQ's four questions, the quick reference as a
// page and as a one-page PDF with the same text, and an example file per type made by the generator
// that the technical check approves (GOEDGEKEURD), downloaded by any logged-in user only (its BSNs
// pass the elfproef): a visitor is asked to log in.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { loadClassification } from '../../src/modules/classification/index.ts';
import { findSpec } from '../../src/modules/specs/index.ts';
import {
  createBytesSource,
  FILE_TYPES,
  uploadOutcome,
  validateUpload,
} from '../../src/modules/validation/index.ts';
import { DEMO_ROUND, demoSubjectOf } from '../../src/main/demo-data.ts';
import { DEMO } from '../support/factories.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';

const run = promisify(execFile);
let t: TestApp;
before(async () => {
  t = await startTestApp({});
});
after(async () => {
  await t.close();
});

test('the help page answers the four questions, says how to get eHerkenning and names the servicedesk', async () => {
  const visitor = new WebClient(t.url);
  const response = await visitor.get('/help');
  assert.equal(response.status, 200);
  const html = await response.text();
  assert.match(html, /<h1 class="utrecht-heading-1">Hulp<\/h1>/);
  assert.match(html, /data-testid="help-contacts"[\s\S]*?030 123 45 67[\s\S]*?servicedesk@ggk.example/);
  assert.match(html, /betrouwbaarheidsniveau EH3/);
  assert.match(
    html,
    /machtigen voor de dienst van CBS voor de aanlevering van de Gemeentelijke Monitor Sociaal Domein/,
  );
  assert.match(html, /data-testid="eherkenning-assumption"[\s\S]*?Aanname:/);
  for (const q of [
    'Waarom kan ik niet inloggen?',
    'Waarom is mijn bestand afgekeurd?',
    'Waarom is mijn rapport nog niet klaar?',
    'Ik krijg een foutmelding bij het downloaden',
  ])
    assert.match(
      html,
      new RegExp(`<h3 class="utrecht-heading-3" id="vraag-[a-z]+">${q.replace('?', '\\?')}</h3>`),
    );
  // A visitor is asked to log in for the example files (their BSNs pass the elfproef), no links.
  assert.doesNotMatch(html, /href="\/help\/voorbeeldbestanden\//);
  assert.match(
    html,
    /data-testid="example-files-login"><a [^>]*href="\/inloggen\?terug=%2Fhelp">Log in om de voorbeeldbestanden te downloaden<\/a>/,
  );
  assert.match(html, /<footer[\s\S]*href="\/help"/, 'linked from every page’s footer');
  // Logged in (any role), the same page links every type's example file.
  const bram = new WebClient(t.url);
  await bram.loginAs(demoSubjectOf(DEMO.bram));
  const own = await (await bram.get('/help')).text();
  const links = [...own.matchAll(/href="(\/help\/voorbeeldbestanden\/[a-z-]+)"/g)].map((m) => m[1]);
  assert.deepEqual(
    links,
    FILE_TYPES.map((type) => `/help/voorbeeldbestanden/${type}`),
  );
  assert.match(own, /Voorbeeld Wmo kosten downloaden \(\w+_0363_2017H2\.csv, \d+ records\)/);
  assert.doesNotMatch(own, /example-files-login/);

  assert.equal((await visitor.get('/taal/en?terug=/help')).status, 303);
  const english = await (await visitor.get('/help')).text();
  assert.match(english, /<h1 class="utrecht-heading-1">Help<\/h1>/);
  assert.match(english, /Why can’t I log in\?/);
  assert.match(english, /assurance level EH3/);
  assert.match(english, />Log in to download the example files<\/a>/);
});

test('the example files need a login: a visitor is sent to log in, any logged-in user may download', async () => {
  const visitor = new WebClient(t.url);
  const refused = await visitor.get('/help/voorbeeldbestanden/wmo');
  assert.equal(refused.status, 303);
  assert.equal(refused.headers.get('location'), '/inloggen?terug=%2Fhelp%2Fvoorbeeldbestanden%2Fwmo');
  assert.doesNotMatch(refused.headers.get('content-type') ?? '', /csv/);
  // Staff and organisation users alike, whatever their role.
  for (const who of [DEMO.ivo, DEMO.julia, DEMO.carla, DEMO.anne]) {
    const user = new WebClient(t.url);
    await user.loginAs(demoSubjectOf(who));
    const response = await user.get('/help/voorbeeldbestanden/wmo');
    assert.equal(response.status, 200, who);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/, who);
  }
});

test('each example file is small and approved by the technical check (GOEDGEKEURD)', async () => {
  const spec = findSpec(DEMO_ROUND.specVersion);
  assert.ok(spec);
  const classification = loadClassification();
  const visitor = new WebClient(t.url);
  await visitor.loginAs(demoSubjectOf(DEMO.bram));
  for (const type of FILE_TYPES) {
    const response = await visitor.get(`/help/voorbeeldbestanden/${type}`);
    assert.equal(response.status, 200, type);
    assert.match(response.headers.get('content-type') ?? '', /^text\/csv/);
    const fileName = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
    assert.ok(fileName?.endsWith(`_0363_${DEMO_ROUND.halfYear}.csv`), `${type}: ${fileName}`);
    const bytes = Buffer.from(await response.arrayBuffer());
    assert.ok(bytes.length < 20_000, `${type} is small (${bytes.length} bytes)`);
    const report = await validateUpload([createBytesSource(fileName!, bytes)], {
      spec: spec!,
      classification,
      gemeente: '0363',
      period: DEMO_ROUND.halfYear,
      today: DEMO_ROUND.deliveryOpens[0],
    });
    assert.equal(uploadOutcome(report), 'approved', `${type}: ${JSON.stringify(report).slice(0, 1500)}`);
  }
  assert.equal((await visitor.get('/help/voorbeeldbestanden/onbekend')).status, 404);
});

test('the quick reference is a printable page and a one-page PDF with the same text', async () => {
  const visitor = new WebClient(t.url);
  const page = await (await visitor.get('/help/snelstart')).text();
  assert.match(page, /data-testid="quick-reference"/);
  assert.match(page, /Zo levert u aan/);
  assert.match(page, /Aanlevering 2e halfjaar 2017 \(pilot 2018\): aanleveren van 12 februari 2018/);
  assert.match(page, /href="\/help\/snelstart.pdf"/);

  const pdf = await visitor.get('/help/snelstart.pdf');
  assert.equal(pdf.status, 200);
  assert.equal(pdf.headers.get('content-type'), 'application/pdf');
  assert.match(pdf.headers.get('content-disposition') ?? '', /filename="ggk-snelstart.pdf"/);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ggk-snelstart-'));
  try {
    const file = path.join(dir, 'snelstart.pdf');
    await writeFile(file, Buffer.from(await pdf.arrayBuffer()));
    const info = (await run('pdfinfo', [file])).stdout;
    assert.match(info, /^Pages:\s+1$/m, 'one page');
    const text = (await run('pdftotext', [file, '-'])).stdout.replace(/\s+/g, ' ');
    assert.match(text, /Zo levert u aan/);
    assert.match(text, /Servicedesk ggk: bel 030 123 45 67 of mail servicedesk@ggk.example/);
    assert.match(text, /GGK-2018-000002/);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
