// The catalogue's texts agree with each other: English names the same {placeholders} as Dutch (a
// missing one would drop a value, an extra one would show "{name}"), statuses are client or server
// errors, and a code's parameters fill every text of it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { AppError, ERRORS, errorText, type ErrorCode } from './app-error.ts';
import type { ErrorText } from './catalogue.ts';

const placeholders = (text: string) => [...text.matchAll(/\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]).sort();

test('every text names the same placeholders in Dutch and English', () => {
  const differ: string[] = [];
  for (const [code, entry] of Object.entries(ERRORS) as Array<
    [string, ErrorText & { reasons?: Record<string, ErrorText> }]
  >) {
    const texts: Array<[string, ErrorText]> = [
      [code, entry],
      ...Object.entries(entry.reasons ?? {}).map(([r, t]): [string, ErrorText] => [`${code}.${r}`, t]),
    ];
    for (const [name, text] of texts) {
      if (placeholders(text.nl).join() !== placeholders(text.en).join()) differ.push(name);
      if (text.nl.trim() === '' || text.en.trim() === '' || text.nl === text.en)
        differ.push(`${name} (empty or untranslated)`);
    }
  }
  assert.deepEqual(differ, []);
});

test('codes are module-scoped names and statuses are 4xx or 5xx', () => {
  for (const [code, entry] of Object.entries(ERRORS)) {
    assert.match(code, /^[a-z_]+\.[a-z_]+$/, code);
    assert.ok(entry.status >= 400 && entry.status < 600, `${code}: ${entry.status}`);
  }
});

test('a refusal is worded from the catalogue: its reason, its parameters, dates and lists per language', () => {
  const closed = new AppError('delivery.window_closed', {
    reason: 'closed',
    opens: new Date('2018-07-01T07:00:00Z'),
    closes: new Date('2018-07-31T21:59:00Z'),
  });
  assert.equal(closed.status, 409);
  assert.equal(
    closed.message,
    'De aanleverperiode is gesloten. Aanleveren kon van 1 juli 2018 om 09:00 tot en met 31 juli 2018.',
  );
  const halfYear = new AppError('delivery.bad_half_year', {
    allowed: ['2018H1', '2017H2'],
    halfYear: '2016H1',
  });
  assert.equal(halfYear.message, 'In deze ronde kunt u aanleveren voor 2018H1 of 2017H2, niet voor 2016H1.');
  assert.equal(
    errorText('en', halfYear.code, halfYear.details, (d) => d.toISOString()),
    'In this round you can deliver for 2018H1 or 2017H2, not for 2016H1.',
  );
  assert.equal(new AppError('user.not_found').status, 404);
});

test('several refusals gathered into one keep each text and the first code', () => {
  const gathered = AppError.gather([
    new AppError('user.name_required'),
    new AppError('user.bad_role', { roles: 'baas' }),
  ]);
  assert.equal(gathered.code, 'user.name_required' satisfies ErrorCode);
  assert.equal(gathered.message, 'Vul de naam van de gebruiker in. Onbekende rol: baas.');
  assert.equal(
    errorText('en', gathered.code, gathered.details, (d) => d.toISOString()),
    "Fill in the user's name. Unknown role: baas.",
  );
});
