// Every key of the catalogue exists in every language, with the same {placeholders}, and no text is
// empty; a missing English text is also a type error (checked below with @ts-expect-error).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CATALOGUES, LOCALES, defineMessages, interpolate, translator } from './index.ts';
import { placeholdersOf } from './define.ts';
import { FINDING_CODES } from '../validation/index.ts';

test('every language has exactly the keys of the Dutch catalogue, with the same placeholders', () => {
  const dutchKeys = Object.keys(CATALOGUES.nl).sort();
  assert.ok(dutchKeys.length > 20);
  for (const locale of LOCALES) {
    const texts = CATALOGUES[locale];
    assert.deepEqual(Object.keys(texts).sort(), dutchKeys, `keys of ${locale}`);
    for (const key of dutchKeys) {
      assert.ok(texts[key]!.trim() !== '', `${locale}: ${key} is empty`);
      assert.deepEqual(
        placeholdersOf(texts[key]!),
        placeholdersOf(CATALOGUES.nl[key]!),
        `${locale}: placeholders of ${key}`,
      );
    }
  }
});

test('a missing or extra English key does not typecheck', () => {
  // @ts-expect-error: 'b' is missing in English
  defineMessages({ nl: { a: 'x', b: 'y' }, en: { a: 'x' } });
  // @ts-expect-error: 'c' is not a Dutch key
  defineMessages({ nl: { a: 'x' }, en: { a: 'x', c: 'z' } });
  const t = translator('en');
  // @ts-expect-error: the key does not exist
  assert.equal(t('layout.doesNotExist'), 'layout.doesNotExist');
  // @ts-expect-error: {name} is required
  t('layout.loggedInAs');
});

test('interpolation fills placeholders and leaves unknown ones visible', () => {
  assert.equal(translator('nl')('layout.loggedInAs', { name: 'Bram' }), 'Ingelogd als Bram');
  assert.equal(translator('en')('layout.loggedInAs', { name: 'Bram' }), 'Logged in as Bram');
  assert.equal(interpolate('{a} en {b}', { a: 1 }), '1 en {b}');
});

test('every finding code of the validation engine has its text in every language', () => {
  for (const code of FINDING_CODES) assert.ok(Object.hasOwn(CATALOGUES.nl, `finding.${code}`), code);
});
