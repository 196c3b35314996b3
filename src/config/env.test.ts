import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from './env.ts';

test('an empty environment is a valid embedded setup', () => {
  const c = loadConfig({});
  assert.equal(c.databaseUrl, undefined);
  assert.equal(c.port, 8080);
  assert.equal(c.embeddedPostgresPort, 54329);
  assert.equal(c.baseUrl, 'http://127.0.0.1:8080');
  assert.match(c.dataDir, /\/var$/);
});

test('lists every problem at once, each with a hint', () => {
  try {
    loadConfig({ GGK_PORT: '99999', GGK_LOG_LEVEL: 'luid', DATABASE_URL: 'mysql://db/x' });
    assert.fail('expected a ConfigError');
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    assert.equal(error.problems.length, 3);
    assert.ok(
      error.problems.every((p) => /bijvoorbeeld|Een van/.test(p)),
      error.problems.join('\n'),
    );
  }
});

test('refuses port 5432 for the embedded PostgreSQL, which a system PostgreSQL holds', () => {
  assert.throws(() => loadConfig({ GGK_EMBEDDED_PG_PORT: '5432' }), ConfigError);
  assert.doesNotThrow(() =>
    loadConfig({ GGK_EMBEDDED_PG_PORT: '5432', DATABASE_URL: 'postgres://x@localhost/y' }),
  );
});
