// The round monitor on the seeded demo round, through HTTP as the operator logged in at the dev IdP:
// states, counts, filters, the CSV, the chart's numbers, the drill-down; then the reminder job on a
// real pg-boss queue, run twice, with its mails through the outbox into the real mail catcher.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { demoSubjectOf } from '../../src/main/demo-data.ts';
import {
  REMINDER_QUEUE,
  contentReportPlacements,
  sendReminders,
} from '../../src/modules/monitoring/index.ts';
import { startReminderWorker } from '../../src/main/reminders.ts';
import { startJobQueue, stopJobQueue } from '../../src/platform/jobs/job-queue.ts';
import { createLogger } from '../../src/platform/logging/logger.ts';
import { amsterdamInstant } from '../../src/platform/time/amsterdam-time.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';
import { WebClient } from '../support/web-client.ts';
import { reminderSubject } from '../../src/modules/monitoring/index.ts';
import { DEMO, organisationByCode } from '../support/factories.ts';

let clock = amsterdamInstant('2018-02-20', '10:00');
let t: TestApp;
let operator: WebClient;
before(async () => {
  t = await startTestApp({ now: () => clock, demoDeliveries: true });
  operator = new WebClient(t.url);
  await operator.loginAs(demoSubjectOf(DEMO.ivo));
});
after(async () => {
  await t.close();
});

function countsOf(html: string): Record<string, number> {
  const table = /data-testid="state-counts"[\s\S]*?<\/table>/.exec(html)![0];
  return Object.fromEntries(
    [...table.matchAll(/<td class="utrecht-table__cell" data-state="(\w+)">(\d+)<\/td>/g)].map((m) => [
      m[1]!,
      Number(m[2]),
    ]),
  );
}

function remindersOf(html: string): string {
  return /data-testid="reminders"[\s\S]*?<\/div>/.exec(html)![0];
}

function rowsOf(html: string): string[] {
  const matrix = /data-testid="monitor-matrix"[\s\S]*?<\/table>/.exec(html)?.[0] ?? '';
  return [...matrix.matchAll(/<th class="utrecht-table__header-cell" scope="row" id="g-(\d{4})">/g)].map(
    (m) => m[1]!,
  );
}

test('the monitor shows the seeded round: a state per cell, counts per state and the deliveries per day', async () => {
  const res = await operator.get('/monitor');
  assert.equal(res.status, 200);
  const html = await res.text();
  // 380 gemeenten × 4 file types × 2 half years; the seed judged its files with the real validator.
  assert.deepEqual(countsOf(html), {
    not_delivered: 3040 - 18,
    received: 4,
    rejected: 1,
    approved: 13,
    report_ready: 0,
    fetched: 0,
    regular_route: 0,
    withdrawn: 0,
  });
  // The matrix shows 50 of the 380 gemeenten per page (all 380 were 28,000 px high).
  assert.equal(rowsOf(html).length, 50);
  // Utrecht's rejected Wmo redelivery does not replace its approved Wmo file.
  const pilots = await (await operator.get('/monitor?pilot=ja')).text();
  const utrecht = /id="g-0344">[\s\S]*?<\/tr>/.exec(pilots)![0];
  assert.equal([...utrecht.matchAll(/data-state="approved"/g)].length, 4);
  assert.match(
    html,
    /<desc id="grafiek-omschrijving">11 aanleveringen van 12 februari 2018 tot en met 9 maart 2018; de drukste dag was/,
  );
  const perDay = /data-testid="deliveries-per-day"[\s\S]*?<\/table>/.exec(html)![0];
  assert.match(perDay, /vr 16 februari 2018<\/th><td class="utrecht-table__cell">2</);
  // No inline style anywhere (the CSP forbids it), so the SVG uses presentation attributes only.
  assert.doesNotMatch(html, /style=/);
});

test('filters: province, samenwerkingsverband, pilot participant and state', async () => {
  const pilot = await (await operator.get('/monitor?pilot=ja')).text();
  assert.deepEqual(
    rowsOf(pilot).sort(),
    ['0014', '0034', '0080', '0193', '0344', '0363', '0772', '0796', '0917', '0935', '1883', '1950'].sort(),
  );
  const zuidLimburg = t.database.db
    .selectFrom('organisations')
    .select('id')
    .where('name', '=', 'Jeugdhulp Regio Zuid-Limburg');
  const { id } = await zuidLimburg.executeTakeFirstOrThrow();
  const members = rowsOf(await (await operator.get(`/monitor?samenwerkingsverband=${id}`)).text());
  assert.equal(members.length, 14, 'Beek, Schinnen, Sittard-Geleen and Stein are in Westelijke Mijnstreek');
  assert.ok(members.includes('0882') && members.includes('0935') && !members.includes('0344'));
  const limburg = rowsOf(await (await operator.get('/monitor?provincie=Limburg')).text());
  assert.ok(limburg.length > 20 && limburg.every((c) => !['0344', '0363'].includes(c)));
  assert.ok(limburg.includes('1883'));
  // Only Landgraaf has a cell whose state is rejected (Eindhoven redelivered its Jeugd, approved).
  assert.deepEqual(rowsOf(await (await operator.get('/monitor?status=rejected')).text()), ['0882']);
  const combined = await (await operator.get('/monitor?provincie=Limburg&pilot=ja&status=approved')).text();
  assert.deepEqual(rowsOf(combined).sort(), ['0935', '1883']);
  // Counts follow the non-state filters: the three Limburg pilots (with Heerlen) have 3 × 8 cells.
  const c = countsOf(combined);
  assert.equal(
    Object.values(c).reduce((a, b) => a + b, 0),
    24,
  );
});

function pageLinksOf(html: string): URL[] {
  const nav = /data-testid="matrix-pages"[\s\S]*?<\/nav>/.exec(html)?.[0] ?? '';
  return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => new URL(m[1]!.replace(/&amp;/g, '&'), 'http://x'));
}

test('the matrix comes in pages of 50 gemeenten whose links keep the filters; the CSV stays complete', async () => {
  const first = await (await operator.get('/monitor')).text();
  const links = pageLinksOf(first);
  // Pages 1 to 8 and "Volgende pagina"; the current page is marked.
  assert.deepEqual(
    links.map((u) => u.searchParams.get('pagina')),
    ['1', '2', '3', '4', '5', '6', '7', '8', '2'],
  );
  assert.match(first, /aria-current="page" aria-label="Pagina 1">1<\/a>/);
  assert.match(first, /Gemeenten 1 tot en met 50 van 380 \(pagina 1 van 8\)\./);
  const seen: string[] = [];
  for (let page = 1; page <= 8; page++) {
    seen.push(...rowsOf(await (await operator.get(`/monitor?pagina=${page}`)).text()));
  }
  assert.equal(seen.length, 380);
  assert.equal(new Set(seen).size, 380, 'every gemeente on exactly one page');
  // A page past the end shows the last page rather than an empty table.
  assert.deepEqual(rowsOf(await (await operator.get('/monitor?pagina=99')).text()), seen.slice(350));

  // With filters, the page links keep them (and the filter form starts again at page 1).
  const filtered = await (await operator.get('/monitor?pilot=nee&status=not_delivered&pagina=2')).text();
  const rows = rowsOf(filtered);
  assert.equal(rows.length, 50);
  assert.ok(!rows.includes('0344'), 'no pilot gemeente on a pilot=nee page');
  const filteredLinks = pageLinksOf(filtered);
  assert.ok(filteredLinks.length > 3);
  for (const u of filteredLinks) {
    assert.equal(u.pathname, '/monitor');
    assert.equal(u.searchParams.get('pilot'), 'nee');
    assert.equal(u.searchParams.get('status'), 'not_delivered');
  }
  assert.match(filtered, /rel="prev">Vorige pagina</);
  assert.doesNotMatch(/<form method="get" action="\/monitor"[\s\S]*?<\/form>/.exec(filtered)![0], /pagina/);
  // The CSV link carries the filters but not the page, and the CSV has every cell of the selection.
  const csvHref = /href="(\/monitor\.csv[^"]*)"/.exec(filtered)![1]!.replace(/&amp;/g, '&');
  assert.equal(csvHref, '/monitor.csv?pilot=nee&status=not_delivered');
  const csv = async (path: string) => Buffer.from(await (await operator.get(path)).arrayBuffer()).toString();
  const complete = await csv('/monitor.csv?pagina=2');
  assert.equal(complete, await csv('/monitor.csv'));
  // 380 gemeenten and the predecessors under them, 8 cells each.
  assert.ok(complete.trim().split('\r\n').length - 1 >= 3040);
});

test('the CSV export has one line per cell of the selection, formula-safe and with the states in Dutch', async () => {
  const res = await operator.get('/monitor.csv?pilot=ja');
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
  assert.match(res.headers.get('content-disposition') ?? '', /rondemonitor-2017H2\.csv/);
  const bytes = Buffer.from(await res.arrayBuffer());
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'a BOM for spreadsheets');
  const text = bytes.subarray(3).toString('utf8');
  assert.ok(text.startsWith('gemeentecode;gemeente;provincie;'));
  const lines = text.trim().split('\r\n');
  // Twelve pilot gemeenten, and the predecessors shown under Westerwolde (Bellingwedde, Vlagtwedde)
  // and Leeuwarden (Leeuwarderadeel, Littenseradiel in part), each with 8 cells.
  assert.equal(lines.length, 1 + (12 + 4) * 8);
  const utrechtWmo = lines.find((l) => l.startsWith('0344;Utrecht;') && l.includes(';2017H2;Wmo;'))!;
  assert.match(
    utrechtWmo,
    /;Goedgekeurd;DEMO-2018-\d{6};DEMO-2018-\d{6};15 februari 2018 om 14:05;;nee;op tijd, \d{1,2} februari 2018 om \d\d:\d\d;$/,
  );
  assert.ok(
    lines.some((l) =>
      l.startsWith('0935;Maastricht;Limburg;Jeugdhulp Regio Zuid-Limburg;ja;2017H2;Jeugd;Goedgekeurd'),
    ),
  );
});

test('the CSV has the rows of the page in its order: participants, the predecessors under their successor, the same states and pilot target', async () => {
  const html = await (await operator.get('/monitor?pilot=ja')).text();
  const matrix = /data-testid="monitor-matrix"[\s\S]*?<\/table>/.exec(html)![0];
  const text = (s: string) =>
    s
      .replace(/<span class="ggk-flag"[\s\S]*?<\/span>/g, '')
      .replace(/<[^>]+>/g, '')
      .replace(/&#x27;|&#39;/g, "'")
      .trim();
  const pageRows = [...matrix.matchAll(/<tbody[\s\S]*<\/tbody>/g)][0]![0]
    .split('</tr>')
    .filter((r) => r.includes('scope="row"'))
    .map((r) => {
      const name = text(/scope="row"[^>]*>([\s\S]*?)<\/th>/.exec(r)![1]!);
      const cells = [...r.matchAll(/<td class="utrecht-table__cell[^"]*"[^>]*>([\s\S]*?)<\/td>/g)].map((m) =>
        text(m[1]!),
      );
      // Province, pilot target date, then the 8 state cells.
      return { name, pilotTarget: cells[1]!, states: cells.slice(2) };
    });
  assert.equal(pageRows.length, 12 + 4);
  assert.ok(pageRows.some((r) => r.name === 'voorheen Bellingwedde (0007), via Westerwolde'));

  const lines = Buffer.from(await (await operator.get('/monitor.csv?pilot=ja')).arrayBuffer())
    .subarray(3)
    .toString('utf8')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((l) => l.split(';'));
  // Group the CSV lines per row (8 cells each, in the page's column order).
  const csvRows: Array<{ name: string; pilotTarget: string; states: string[] }> = [];
  for (let i = 0; i < lines.length; i += 8) {
    const row = lines.slice(i, i + 8);
    const [first] = row;
    // A participant's row names it as the page does ("Utrecht (0344), pilot"); a predecessor's
    // row carries the page's own label and its successor's code.
    const name = first![14] ? first![1]! : `${first![1]} (${first![0]}), pilot`;
    csvRows.push({ name, pilotTarget: first![13] || '-', states: row.map((l) => l[7]!) });
  }
  assert.deepEqual(csvRows, pageRows);
  const westerwolde = csvRows.findIndex((r) => r.name.startsWith('Westerwolde (1950)'));
  assert.deepEqual(
    csvRows.slice(westerwolde + 1, westerwolde + 3).map((r) => r.name),
    ['voorheen Bellingwedde (0007), via Westerwolde', 'voorheen Vlagtwedde (0048), via Westerwolde'],
  );
  assert.ok(lines.every((l) => l[14] === '' || (l[0] !== '1950' && l[0] !== '0080')));
  assert.ok(lines.filter((l) => l[0] === '0007').every((l) => l[14] === '1950'));
});

test('a cell drills down to its timeline; a bad cell gets a Dutch message', async () => {
  const res = await operator.get('/monitor/tijdlijn?gemeente=0344&type=wmo&halfjaar=2017H2');
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.match(
    html,
    /data-testid="cell-state">Status: <strong>Goedgekeurd<\/strong> \(in werking: DEMO-2018-\d{6}\)/,
  );
  const timeline = /data-testid="timeline">[\s\S]*?<\/ol>/.exec(html)![0];
  assert.equal([...timeline.matchAll(/<li/g)].length, 4);
  assert.match(
    timeline,
    /Ontvangen: DEMO-2018-\d{6} door Kim de Groot \(Utrecht\), zonder opgeslagen bestand/,
  );
  assert.match(timeline, /Technisch afgekeurd/);
  const bad = await operator.get('/monitor/tijdlijn?gemeente=0344&type=pdf&halfjaar=2017H2');
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /Bestandstype &quot;pdf&quot; bestaat niet|Bestandstype "pdf" bestaat niet/);
  // The seeded delivery without a stored file still has its page and its report.
  const link = /href="\/aanleveringen\/([0-9a-f-]{36})"/.exec(timeline)![1]!;
  const page = await operator.get(`/aanleveringen/${link}`);
  assert.equal(page.status, 200);
  assert.match(await page.text(), /data-testid="no-stored-files"/);
  assert.equal((await operator.get(`/aanleveringen/${link}/rapport.json`)).status, 200);
});

test('in English: the drill-down timeline, the CSV headers and its states, dates and yes/no', async () => {
  operator.cookies.set('ggk_taal', 'en');
  try {
    const html = await (
      await operator.get('/monitor/tijdlijn?gemeente=0344&type=wmo&halfjaar=2017H2')
    ).text();
    assert.match(
      html,
      /data-testid="cell-state">Status: <strong>Approved<\/strong> \(in force: DEMO-2018-\d{6}\)/,
    );
    const timeline = /data-testid="timeline">[\s\S]*?<\/ol>/.exec(html)![0];
    assert.equal([...timeline.matchAll(/<li/g)].length, 4);
    assert.match(timeline, /Received: DEMO-2018-\d{6} by Kim de Groot \(Utrecht\), without a stored file/);
    assert.match(timeline, /Technically rejected \(DEMO-2018-\d{6}\)/);
    assert.match(timeline, /Technically approved \(DEMO-2018-\d{6}\)/);
    assert.match(timeline, /<time datetime="[^"]+">\d{1,2} February 2018 at \d\d:\d\d<\/time>/);
    assert.doesNotMatch(timeline, /Ontvangen|Technisch|door /);

    const res = await operator.get('/monitor.csv?pilot=ja');
    assert.equal(res.status, 200);
    const text = Buffer.from(await res.arrayBuffer())
      .subarray(3)
      .toString('utf8');
    const lines = text.trim().split('\r\n');
    assert.equal(
      lines[0],
      'municipality code;municipality;province;collaborations;pilot participant;half year;file type;status;receipt in force;latest receipt;last received;hand-over to CBS;CBS service level exceeded;pilot target date;successor',
    );
    assert.equal(lines.length, 1 + (12 + 4) * 8);
    const utrechtWmo = lines.find((l) => l.startsWith('0344;Utrecht;') && l.includes(';2017H2;Wmo;'))!;
    assert.match(
      utrechtWmo,
      /;yes;2017H2;Wmo;Approved;DEMO-2018-\d{6};DEMO-2018-\d{6};15 February 2018 at 14:05;;no;on time, \d{1,2} February 2018 at \d\d:\d\d;$/,
    );
    assert.ok(lines.some((l) => l.startsWith('0007;formerly Bellingwedde (0007), through Westerwolde;')));
    assert.ok(
      lines.some((l) =>
        l.startsWith(
          '0935;Maastricht;Limburg;Jeugdhulp Regio Zuid-Limburg;yes;2017H2;Youth (Jeugd);Approved',
        ),
      ),
    );
    assert.ok(lines.some((l) => l.includes(';Not delivered;;;')));
  } finally {
    operator.cookies.delete('ggk_taal');
  }
  // Back in Dutch, the same request gives the Dutch header again.
  const dutch = Buffer.from(await (await operator.get('/monitor.csv?pilot=ja')).arrayBuffer()).subarray(3);
  assert.ok(
    dutch
      .toString('utf8')
      .startsWith(
        'gemeentecode;gemeente;provincie;samenwerkingsverbanden;pilotdeelnemer;halfjaar;bestandstype;status;ontvangstbewijs in werking;laatste ontvangstbewijs;laatst ontvangen;overdracht aan CBS;servicenorm CBS overschreden;streefdatum pilot;opvolger\r\n',
      ),
  );
});

test('service levels: late technical notices and organisations without delivery as the close nears', async () => {
  // Before the window's reminder day: it is planned.
  assert.match(
    remindersOf(await (await operator.get('/monitor')).text()),
    /De herinnering aan wie nog niet heeft aangeleverd gaat op 2 maart 2018 \(5 werkdagen voor de sluiting\)\./,
  );
  clock = amsterdamInstant('2018-03-05', '09:00');
  try {
    // Two weeks later the session has expired: log in again.
    const later = new WebClient(t.url);
    await later.loginAs(demoSubjectOf(DEMO.julia));
    const html = await (await later.get('/monitor')).text();
    const levels = html.slice(
      html.indexOf('data-testid="service-levels"'),
      html.indexOf('id="herinneringen"'),
    );
    // Rotterdam's delivery of 20 February was never checked: due 23 February.
    assert.match(levels, /Technische melding te laat \(meer dan 3 werkdagen\): 1/);
    assert.match(levels, /23 februari 2018/);
    // 4 working days before the close of 9 March: every participant without a delivery.
    const noDelivery = /Nog niets aangeleverd terwijl de sluiting nadert: (\d+)/.exec(levels)!;
    // 382 participants (380 gemeenten, 2 collaborations); delivered for or by: 1883, 0344, 0772,
    // 0935, 0882, 0888, 0599 and the two collaborations.
    assert.equal(Number(noDelivery[1]), 382 - 9);
    assert.match(levels, /nog 4 werkdagen tot de sluiting/);
    // The reminder's day (2 March) has passed and the job has not run: it says so, not "gaat op".
    assert.match(
      remindersOf(html),
      /De herinnering aan wie nog niet heeft aangeleverd gaat vanaf 2 maart 2018 \(5 werkdagen voor de sluiting\); ze is nog niet verstuurd\./,
    );
    // After the close (withdrawal period): nothing "approaches" any more, and no reminder went out.
    clock = amsterdamInstant('2018-03-13', '10:00');
    const closed = new WebClient(t.url);
    await closed.loginAs(demoSubjectOf(DEMO.julia));
    const after = await (await closed.get('/monitor')).text();
    const closedLevels = after.slice(
      after.indexOf('data-testid="service-levels"'),
      after.indexOf('id="herinneringen"'),
    );
    assert.doesNotMatch(closedLevels, /sluiting nadert/);
    assert.match(closedLevels, new RegExp(`<h3 class="utrecht-heading-3">Niet aangeleverd: ${382 - 9}</h3>`));
    assert.match(closedLevels, /aanleverperiode gesloten op 9 maart 2018/);
    assert.match(
      remindersOf(after),
      /De herinnering aan wie nog niet had aangeleverd \(vanaf 2 maart 2018, 5 werkdagen voor de sluiting\) is niet verstuurd\./,
    );
    assert.doesNotMatch(remindersOf(after), /gaat op|Verstuurd: 0/);
  } finally {
    clock = amsterdamInstant('2018-02-20', '10:00');
  }
});

test('the reminder job, run twice on pg-boss, sends each reminder once, to the aanleveraars of who has not delivered', async () => {
  clock = amsterdamInstant('2018-03-02', '07:00');
  const boss = await startJobQueue(t.database.url, createLogger({ level: 'silent' }));
  try {
    await startReminderWorker({
      boss,
      db: t.database.db,
      config: t.config,
      log: createLogger({ level: 'silent' }),
      now: () => clock,
    });
    const runJob = async () => {
      const id = (await boss.send(REMINDER_QUEUE, {}))!;
      for (let i = 0; i < 600; i++) {
        const job = await boss.getJobById(REMINDER_QUEUE, id);
        if (job?.state === 'completed') return;
        if (job?.state === 'failed') throw new Error(`reminder job failed: ${JSON.stringify(job.output)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('reminder job did not finish');
    };
    await runJob();
    await runJob();
  } finally {
    await stopJobQueue(boss);
    clock = amsterdamInstant('2018-02-20', '10:00');
  }
  const reminders = await t.database.db.selectFrom('reminders').selectAll().execute();
  // One per participating organisation with a file type missing and an aanleveraar to remind, each once.
  assert.equal(reminders.length, 4);
  assert.equal(new Set(reminders.map((r) => r.reminder_key)).size, reminders.length);
  const mails = await t.database.db
    .selectFrom('outbox')
    .select(['recipient', 'body_text'])
    .where('kind', '=', 'reminder_window_closing')
    .execute();
  assert.deepEqual(mails.map((m) => m.recipient).sort(), [DEMO.bram, DEMO.eva, DEMO.hanna, DEMO.lotte]);
  // Through the outbox into the real mail catcher: one message each.
  for (const m of mails)
    await t.mail.waitFor((x) => x.to.includes(m.recipient) && /Herinnering/.test(x.subject), 10_000);
  const caught = t.mail.messages().filter((x) => /Herinnering/.test(x.subject));
  assert.equal(caught.length, 4);
  const lotte = caught.find((x) => x.to.includes(DEMO.lotte))!;
  assert.match(lotte.text, /- SBW\n/);
  assert.doesNotMatch(lotte.text, /- Wmo|- Jeugd/);
  assert.match(lotte.text, /over 5 werkdagen/);
  // The same reminder in English below the Dutch.
  assert.match(
    lotte.text,
    /---------- English ----------[\s\S]*closes on .*, in 5 working days\.[\s\S]*- SBW\n/,
  );
  const hanna = caught.find((x) => x.to.includes(DEMO.hanna))!;
  assert.match(hanna.text, /Westelijke Mijnstreek Jeugddomein/);
  assert.match(
    hanna.text,
    /- Jeugd voor Schinnen\n- Jeugd voor Stein \(L\.\)\n- Jeugd voor Sittard-Geleen\n/,
  );
  // The English part names the file types in English too.
  assert.match(
    hanna.text,
    /- Youth \(Jeugd\) for Schinnen\n- Youth \(Jeugd\) for Stein \(L\.\)\n- Youth \(Jeugd\) for Sittard-Geleen\n/,
  ); // Each reminder keeps its facts: worded in Dutch they give exactly the subject recorded, and
  // they can be worded in English for the servicedesk.
  for (const r of reminders) {
    assert.ok(r.facts, 'facts are stored with the reminder');
    assert.equal(reminderSubject('nl', r), r.subject);
  }
  const collaboration = reminders.find((r) => r.subject.includes('Schinnen'))!;
  assert.match(
    reminderSubject('en', collaboration),
    /^Not yet delivered \(or not yet approved\) for 2017H2: .*Youth \(Jeugd\) for Schinnen/,
  );
});

test('the monitor, the upload page and the deliveries list follow the round: reminder sent, window closed', async () => {
  clock = amsterdamInstant('2018-03-13', '10:00');
  try {
    const staff = new WebClient(t.url);
    await staff.loginAs(demoSubjectOf(DEMO.ivo));
    const monitor = remindersOf(await (await staff.get('/monitor')).text());
    // The reminder job of the test above ran on 2 March: 4 organisations were reminded.
    assert.match(
      monitor,
      /De herinnering aan wie nog niet had aangeleverd is verstuurd op 2 maart 2018, aan 4 organisaties\./,
    );
    staff.cookies.set('ggk_taal', 'en');
    assert.match(
      remindersOf(await (await staff.get('/monitor')).text()),
      /was sent on 2 March 2018, to 4 organisations\./,
    );
    const bram = new WebClient(t.url);
    await bram.loginAs(demoSubjectOf(DEMO.bram));
    const upload = await (await bram.get('/aanleveren')).text();
    assert.match(
      upload,
      /De aanleverperiode is gesloten: aanleveren kon van 12 februari 2018 tot en met 9 maart 2018/,
    );
    const list = await (await bram.get('/aanleveringen')).text();
    // Amsterdam delivered nothing in the 2018 round: after the close it did not, not "not yet".
    assert.match(list, /Uw organisatie heeft in deze ronde niets aangeleverd\./);
  } finally {
    clock = amsterdamInstant('2018-02-20', '10:00');
  }
  // In the window the same list says "nog niets".
  const bram = new WebClient(t.url);
  await bram.loginAs(demoSubjectOf(DEMO.bram));
  const list = await (await bram.get('/aanleveringen')).text();
  assert.match(list, /Uw organisatie heeft in deze ronde nog niets aangeleverd\./);
});

test('servicedesk: the operator finds a user or organisation and sees logins, downloads, deliveries and mails without link secrets', async () => {
  // A failed login (level too low), a failed download (report not ready), an invitation mail.
  const bramEh2 = new WebClient(t.url);
  const refused = await bramEh2.loginAs(`${demoSubjectOf(DEMO.bram)}-eh2`);
  assert.notEqual(refused.status, 303);
  const noor = new WebClient(t.url);
  await noor.loginAs(demoSubjectOf(DEMO.noor));
  const pending = await t.database.db
    .selectFrom('deliveries')
    .select('id')
    .where('state', '=', 'received')
    .executeTakeFirstOrThrow();
  assert.equal((await noor.get(`/aanleveringen/${pending.id}/rapport.csv`)).status, 409);
  const anne = new WebClient(t.url);
  await anne.loginAs(demoSubjectOf(DEMO.anne));
  await anne.post(
    '/organisatie/gebruikers/uitnodigen',
    { naam: 'Sam de Wit', email: 'sam.dewit@amsterdam.example', rollen: 'aanleveraar', persoonlijk: 'ja' },
    '/organisatie/gebruikers',
  );
  const invitation = await t.mail.waitFor((m) => m.to.includes('sam.dewit@amsterdam.example'), 10_000);
  const token = /\/uitnodiging\/(\S+)/.exec(invitation.text)![1]!;

  const search = await (await operator.get('/beheer/servicedesk?zoek=PETERS')).text();
  const noorLink = /href="(\/beheer\/servicedesk\/gebruiker\/[0-9a-f-]{36})">Noor Peters</.exec(search)![1]!;
  const byCode = await (await operator.get('/beheer/servicedesk?zoek=0344')).text();
  assert.match(byCode, /href="\/beheer\/servicedesk\/organisatie\/[0-9a-f-]{36}">Utrecht<\/a> \(0344\)/);
  assert.match(
    await (await operator.get('/beheer/servicedesk?zoek=%25')).text(),
    /Niets gevonden|Geef ten minste twee tekens/,
  );

  const noorPage = await (await operator.get(noorLink)).text();
  assert.match(noorPage, /data-testid="sd-downloads"[\s\S]*Mislukt: rapport nog niet klaar/);
  assert.match(
    noorPage,
    /data-testid="sd-deliveries"[\s\S]*DEMO-2018-000011[\s\S]*ontvangen, wacht op controle/,
  );
  assert.match(noorPage, /data-testid="sd-logins"[\s\S]*Gelukt/);

  const amsterdam = await organisationByCode(t.database.db, '0363');
  const orgPage = await (await operator.get(`/beheer/servicedesk/organisatie/${amsterdam.id}`)).text();
  // The refused login is recorded with the organisation it was for, and why.
  assert.match(orgPage, /data-testid="sd-logins"[\s\S]*Mislukt: [^<]*EH3/);
  assert.match(orgPage, /data-testid="sd-mails"[\s\S]*sam\.dewit@amsterdam\.example/);
  assert.match(orgPage, /\/uitnodiging\/\[verwijderd\]/);
  assert.ok(!orgPage.includes(token), 'the invitation secret is not shown');
  // The Amsterdam reminder of the job run above is listed with the organisation.
  assert.match(orgPage, /data-testid="sd-reminders"[\s\S]*aan 1 ontvanger/);
  assert.match(orgPage, /data-testid="sd-reminders"[\s\S]*Nog niet \(goedgekeurd\) aangeleverd voor/);
  operator.cookies.set('ggk_taal', 'en');
  try {
    const english = await (await operator.get(`/beheer/servicedesk/organisatie/${amsterdam.id}`)).text();
    assert.match(
      english,
      /data-testid="sd-reminders"[\s\S]*Not yet delivered \(or not yet approved\) for [^<]*\(to 1 recipient\)/,
    );
  } finally {
    operator.cookies.delete('ggk_taal');
  }

  // Only the operator: CBS and organisation users are refused.
  const julia = new WebClient(t.url);
  await julia.loginAs(demoSubjectOf(DEMO.julia));
  assert.equal((await julia.get('/beheer/servicedesk?zoek=noor')).status, 403);
  assert.equal((await noor.get(noorLink)).status, 403);
  assert.equal((await operator.get('/beheer/servicedesk/gebruiker/geen-id')).status, 404);
});

test('op-orde reports: placed is "report ready", fetched by the organisation is "fetched"; a pilot that does not fetch gets one reminder', async () => {
  const db = t.database.db;
  const byReceipt = (n: string) =>
    db
      .selectFrom('deliveries')
      .select(['id', 'organisation_id', 'uploaded_by'])
      .where('receipt_number', '=', n)
      .executeTakeFirstOrThrow();
  const utrecht = await byReceipt('DEMO-2018-000003');
  const eindhoven = await byReceipt('DEMO-2018-000004');
  for (const [d, placed] of [
    [utrecht, amsterdamInstant('2018-02-14', '10:00')],
    [eindhoven, amsterdamInstant('2018-02-15', '10:00')],
  ] as const) {
    await db
      .insertInto('content_reports')
      .values({ delivery_id: d.id, state: 'placed', contents: '{}', generated_at: placed, placed_at: placed })
      .execute();
  }
  // CBS looking at Utrecht's report is not Utrecht fetching it; Lotte fetching Eindhoven's is.
  await db
    .insertInto('downloads')
    .values([
      {
        downloaded_at: amsterdamInstant('2018-02-15', '09:00'),
        delivery_id: utrecht.id,
        kind: 'content_report_html',
        user_id: null,
        api_token_id: null,
        organisation_id: null,
        outcome: 'success',
        error: null,
      },
      {
        downloaded_at: amsterdamInstant('2018-02-15', '12:00'),
        delivery_id: eindhoven.id,
        kind: 'content_report_pdf',
        user_id: eindhoven.uploaded_by,
        api_token_id: null,
        organisation_id: eindhoven.organisation_id,
        outcome: 'success',
        error: null,
      },
    ])
    .execute();
  const html = await (await operator.get('/monitor?pilot=ja')).text();
  const row = (code: string) =>
    /id="g-(\d{4})">[\s\S]*?<\/tr>/g.exec(html.slice(html.indexOf(`id="g-${code}"`)))![0];
  assert.equal([...row('0344').matchAll(/data-state="report_ready"/g)].length, 4);
  assert.equal([...row('0772').matchAll(/data-state="fetched"/g)].length, 2);
  assert.equal(
    [...row('0772').matchAll(/data-state="approved"/g)].length,
    1,
    'Jeugd redelivered later, no report yet',
  );
  const levels = html.slice(html.indexOf('data-testid="service-levels"'), html.indexOf('id="herinneringen"'));
  assert.match(levels, /niet binnen 1 werkdag opgehaald \(pilotdeelnemer\): 1/);
  assert.match(levels, /DEMO-2018-000003<\/a> Utrecht/);

  const first = await sendReminders(db, {
    now: clock,
    closingWorkingDays: 5,
    baseUrl: t.url,
    reports: contentReportPlacements,
  });
  const second = await sendReminders(db, {
    now: clock,
    closingWorkingDays: 5,
    baseUrl: t.url,
    reports: contentReportPlacements,
  });
  assert.deepEqual([first.fetch, first.mails, second.fetch, second.mails], [1, 1, 0, 0]);
  const mail = await t.mail.waitFor((m) => /op-orde rapport .* staat klaar/.test(m.subject), 10_000);
  assert.deepEqual(mail.to, [DEMO.kim]);
  assert.match(mail.text, new RegExp(`/aanleveringen/${utrecht.id}`));
  assert.match(
    mail.text,
    /---------- English ----------[\s\S]*As a pilot participant, we ask you to fetch the report/,
  );
  // The file types in the English part are the English names.
  assert.match(
    mail.text,
    /---------- English ----------[\s\S]*The content report [^\n]*Wmo costs[^\n]* of Utrecht/,
  );
  const fetchReminder = await db
    .selectFrom('reminders')
    .selectAll()
    .where('kind', '=', 'report_not_fetched')
    .executeTakeFirstOrThrow();
  assert.equal(reminderSubject('nl', fetchReminder), fetchReminder.subject);
  assert.match(
    reminderSubject('en', fetchReminder),
    /^Op-orde report .*Wmo costs.* of Utrecht \(DEMO-2018-000003\) not fetched$/,
  );
});

test('pilot feedback from any page, the evaluation after the round, and the operator export', async () => {
  const kim = new WebClient(t.url);
  await kim.loginAs(demoSubjectOf(DEMO.kim));
  const account = await (await kim.get('/account')).text();
  assert.match(account, /href="\/feedback\?pagina=%2Faccount"/);
  const form = await (await kim.get('/feedback?pagina=/aanleveringen')).text();
  assert.match(form, /name="pagina" value="\/aanleveringen"/);
  // No rating: a Dutch message and nothing stored.
  const bad = await kim.post('/feedback', { toelichting: 'Snel!', pagina: '/aanleveringen' }, '/feedback');
  assert.equal(bad.status, 400);
  assert.match(await bad.text(), /Kies bij “Waardering” een waardering van 1 tot en met 5/);
  assert.equal((await t.database.db.selectFrom('pilot_feedback').select('id').execute()).length, 0);
  const ok = await kim.post(
    '/feedback',
    {
      waardering: '4',
      toelichting: '=HYPERLINK("x") het rapport kwam binnen een minuut',
      pagina: '/aanleveringen',
    },
    '/feedback',
  );
  assert.equal(ok.status, 303);
  // Not a pilot participant: refused with the reason.
  const noor = new WebClient(t.url);
  await noor.loginAs(demoSubjectOf(DEMO.noor));
  assert.match(await (await noor.get('/feedback')).text(), /Uw organisatie doet niet mee aan de\s+pilot/);
  const refused = await noor.post('/feedback', { waardering: '5' }, '/feedback');
  assert.equal(refused.status, 400);
  // The evaluation opens when the delivery window has closed.
  assert.match(await (await kim.get('/feedback/evaluatie')).text(), /zodra de aanleverperiode gesloten is/);
  clock = amsterdamInstant('2018-03-13', '10:00');
  try {
    const later = new WebClient(t.url);
    await later.loginAs(demoSubjectOf(DEMO.kim));
    const answers = {
      aanleveren: '5',
      technisch_rapport: '4',
      op_orde_rapport: '3',
      snelheid: '5',
      waardering: '4',
    };
    const incomplete = await later.post(
      '/feedback/evaluatie',
      { ...answers, snelheid: '' },
      '/feedback/evaluatie',
    );
    assert.equal(incomplete.status, 400);
    assert.match(await incomplete.text(), /snelheid van de terugkoppeling/);
    assert.equal((await later.post('/feedback/evaluatie', answers, '/feedback/evaluatie')).status, 303);
    const again = await later.request('POST', '/feedback/evaluatie', {
      form: { _csrf: await later.csrf('/feedback'), ...answers },
    });
    assert.equal(again.status, 400);
    assert.match(await again.text(), /al ingevuld/);
    const operatorLater = new WebClient(t.url);
    await operatorLater.loginAs(demoSubjectOf(DEMO.ivo));
    const overview = await (await operatorLater.get('/beheer/feedback')).text();
    assert.match(overview, /data-testid="feedback-feedback"[\s\S]*Utrecht[\s\S]*\/aanleveringen/);
    assert.match(overview, /data-testid="feedback-evaluation"[\s\S]*Kim de Groot/);
    const csv = Buffer.from(await (await operatorLater.get('/beheer/feedback.csv')).arrayBuffer())
      .subarray(3)
      .toString('utf8');
    const lines = csv.trim().split('\r\n');
    assert.equal(lines.length, 3);
    assert.match(
      lines[0]!,
      /^soort;tijdstip;organisatie;gebruiker;waardering;pagina;aanleveren;technisch_rapport/,
    );
    assert.ok(
      lines.some((l) => l.startsWith('evaluatie;') && l.includes(';Utrecht;Kim de Groot;4;;5;4;3;5;')),
    );
    // The formula the user typed is neutralised for spreadsheets.
    assert.ok(lines.some((l) => l.includes(`"'=HYPERLINK(""x"") het rapport kwam binnen een minuut"`)));
    // In English: the column names, the kind of each line and its time.
    operatorLater.cookies.set('ggk_taal', 'en');
    const english = Buffer.from(await (await operatorLater.get('/beheer/feedback.csv')).arrayBuffer())
      .subarray(3)
      .toString('utf8')
      .trim()
      .split('\r\n');
    assert.equal(
      english[0],
      'kind;time;organisation;user;rating;page;delivering;technical_report;content_report;speed;comments',
    );
    assert.ok(
      english.some(
        (l) =>
          l.startsWith('evaluation;13 March 2018 at 10:00;Utrecht;Kim de Groot;4;;5;4;3;5;') &&
          !l.includes('evaluatie'),
      ),
    );
    assert.ok(english.some((l) => /^feedback;20 February 2018 at 10:00;Utrecht;/.test(l)));
  } finally {
    clock = amsterdamInstant('2018-02-20', '10:00');
  }
  const audit = await t.database.db
    .selectFrom('audit_entries')
    .select('action')
    .where('action', 'in', ['feedback.submitted', 'feedback.exported'])
    .execute();
  assert.deepEqual(audit.map((a) => a.action).sort(), [
    'feedback.exported',
    'feedback.exported',
    'feedback.submitted',
    'feedback.submitted',
  ]);
});

test('the timeline says when the first "technical report ready" mail of a delivery went out, and only its own', async () => {
  const timelineOf = async () => {
    const res = await operator.get('/monitor/tijdlijn?gemeente=0344&type=wmo&halfjaar=2017H2');
    assert.equal(res.status, 200);
    return /data-testid="timeline">[\s\S]*?<\/ol>/.exec(await res.text())![0];
  };
  const before = await timelineOf();
  const [first, second] = [
    ...new Set([...before.matchAll(/href="\/aanleveringen\/([0-9a-f-]{36})"/g)].map((m) => m[1]!)),
  ];
  assert.ok(first && second, 'two deliveries in the cell');
  const mail = (key: string, sentAt: Date | null) => ({
    kind: 'report_ready',
    recipient: 'kim@example.org',
    subject: 'Technisch rapport klaar',
    body_text: 'Zie de portal.',
    dedupe_key: key,
    next_attempt_at: amsterdamInstant('2018-02-19', '14:00'),
    sent_at: sentAt,
  });
  // The second mail of the first delivery went out first; an unsent one, the op-orde report's mail
  // and another kind whose key merely contains the id are no "technical report ready" mail.
  await t.database.db
    .insertInto('outbox')
    .values([
      mail(`report_ready:${first}:u2`, amsterdamInstant('2018-02-19', '14:30')),
      mail(`report_ready:${first}:u1`, amsterdamInstant('2018-02-19', '14:05')),
      mail(`report_ready:${second}:u1`, null),
      mail(`content_report_ready:${second}:u1`, amsterdamInstant('2018-02-19', '15:00')),
      mail(`x_report_ready:${second}:u1`, amsterdamInstant('2018-02-19', '15:00')),
    ])
    .execute();
  const after = await timelineOf();
  const notified = [...after.matchAll(/<li[\s\S]*?<\/li>/g)]
    .map((m) => m[0])
    .filter((li) => /E-mail (&quot;|")technisch rapport klaar(&quot;|") verstuurd/.test(li));
  assert.equal(notified.length, 1, after);
  assert.match(notified[0]!, /<time datetime="2018-02-19T13:05:00.000Z">/i);
  assert.ok(notified[0]!.includes(`/aanleveringen/${first}"`));
  assert.equal([...after.matchAll(/<li/g)].length, [...before.matchAll(/<li/g)].length + 1);
});
