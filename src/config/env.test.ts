import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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

// Fail closed in production (issue 15): a complete production setup starts; each unsafe default is
// refused with its own line, and all of them together are listed at once.
const PRODUCTION = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://ggk@db.example.nl:5432/ggk',
  GGK_DATA_DIR: '/srv/ggk/data',
  GGK_OIDC_ISSUER: 'https://makelaar.example.nl',
  GGK_SMTP_URL: 'smtp://mail.example.nl:587',
  GGK_MASTER_KEY_FILE: '/run/secrets/ggk-master.key',
  GGK_BASE_URL: 'https://ggk.example.nl',
};

function productionProblems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig({ ...PRODUCTION, ...env });
    return [];
  } catch (error) {
    assert.ok(error instanceof ConfigError);
    return error.problems;
  }
}

test('trusted proxies: a list of addresses and ranges; anything else is refused with a hint', () => {
  assert.deepEqual(loadConfig({}).trustedProxies, []);
  assert.deepEqual(
    loadConfig({ GGK_TRUSTED_PROXIES: ' 10.0.0.5, 10.0.1.0/24,::1,fd00::/8 ' }).trustedProxies,
    ['10.0.0.5', '10.0.1.0/24', '::1', 'fd00::/8'],
  );
  for (const bad of ['loadbalancer.internal', '10.0.0.0/33', '10.0.0.300', '*', '10.0.0.0/8/8'])
    assert.throws(() => loadConfig({ GGK_TRUSTED_PROXIES: bad }), /GGK_TRUSTED_PROXIES/, bad);
});

test('production: a complete setup starts, without demo data', () => {
  const c = loadConfig(PRODUCTION);
  assert.equal(c.seedDemo, false);
  assert.equal(c.files.masterKeyFile, '/run/secrets/ggk-master.key');
  assert.deepEqual(
    productionProblems({ GGK_MASTER_KEY_FILE: undefined, GGK_MASTER_KEY: 'ab'.repeat(32) }),
    [],
  );
});

test('production: refused without an OIDC issuer (no development identity provider)', () => {
  assert.match(
    productionProblems({ GGK_OIDC_ISSUER: undefined }).join('\n'),
    /^GGK_OIDC_ISSUER: .*identiteitsprovider/,
  );
});

test('production: refused without an SMTP URL (no mail catcher)', () => {
  assert.match(productionProblems({ GGK_SMTP_URL: undefined }).join('\n'), /^GGK_SMTP_URL: .*mailvanger/);
});

test('production: refused with a fake clock', () => {
  assert.match(productionProblems({ GGK_FAKE_NOW: '2018-02-20T09:00:00Z' }).join('\n'), /^GGK_FAKE_NOW: /);
});

test('production: refused with demo seeding', () => {
  for (const key of ['GGK_SEED_DEMO', 'GGK_SEED_DEMO_DELIVERIES', 'GGK_SEED_DEMO_OPEN_ROUND'])
    assert.match(productionProblems({ [key]: 'true' }).join('\n'), new RegExp(`^${key}: `), key);
  assert.deepEqual(productionProblems({ GGK_SEED_DEMO: 'false' }), []);
});

test('production: refused when the master key would be a file inside the data folder', () => {
  for (const file of [
    undefined,
    '/srv/ggk/data/keys/master.key',
    '/srv/ggk/data/../data/k',
    '/srv/ggk/data/..master.key',
  ])
    assert.match(
      productionProblems({ GGK_MASTER_KEY_FILE: file }).join('\n'),
      /^GGK_MASTER_KEY: .*buiten GGK_DATA_DIR/,
      String(file),
    );
  assert.deepEqual(productionProblems({ GGK_MASTER_KEY_FILE: '/srv/ggk/data-keys/master.key' }), []);
  assert.deepEqual(productionProblems({ GGK_MASTER_KEY_FILE: '/srv/ggk/..data/master.key' }), []);
});

test('production: a symbolic link does not hide that the master key file is inside the data folder', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ggk-env-'));
  try {
    mkdirSync(path.join(root, 'data', 'keys'), { recursive: true });
    mkdirSync(path.join(root, 'secrets'));
    // A link outside the data folder that points into it, and a data folder reached through a link.
    symlinkSync(path.join(root, 'data', 'keys'), path.join(root, 'key-link'));
    symlinkSync(path.join(root, 'data'), path.join(root, 'data-link'));
    for (const [dataDir, file] of [
      [path.join(root, 'data'), path.join(root, 'key-link', 'master.key')],
      [path.join(root, 'data-link'), path.join(root, 'data', 'keys', 'master.key')],
      [path.join(root, 'data'), path.join(root, 'key-link', 'not-yet', 'master.key')],
    ])
      assert.match(
        productionProblems({ GGK_DATA_DIR: dataDir, GGK_MASTER_KEY_FILE: file }).join('\n'),
        /^GGK_MASTER_KEY: .*buiten GGK_DATA_DIR/,
        `${file} in ${dataDir}`,
      );
    assert.deepEqual(
      productionProblems({
        GGK_DATA_DIR: path.join(root, 'data-link'),
        GGK_MASTER_KEY_FILE: path.join(root, 'secrets', 'master.key'),
      }),
      [],
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test('production: refused unless the base URL is https', () => {
  for (const url of [undefined, 'http://ggk.example.nl'])
    assert.match(productionProblems({ GGK_BASE_URL: url }).join('\n'), /^GGK_BASE_URL: .*https/, String(url));
});

test('production: every problem is listed at once; development and test keep their conveniences', () => {
  const all = productionProblems({
    GGK_OIDC_ISSUER: undefined,
    GGK_SMTP_URL: undefined,
    GGK_FAKE_NOW: '2018-02-20T09:00:00Z',
    GGK_SEED_DEMO: 'true',
    GGK_MASTER_KEY_FILE: undefined,
    GGK_BASE_URL: undefined,
  });
  assert.equal(all.length, 6, all.join('\n'));
  for (const mode of [undefined, 'development', 'test']) {
    const c = loadConfig({ NODE_ENV: mode, GGK_FAKE_NOW: '2018-02-20T09:00:00Z' });
    assert.equal(c.seedDemo, true);
    assert.equal(c.oidc.issuer, undefined);
    assert.match(c.files.masterKeyFile, /\/var\/keys\/master\.key$/);
  }
});
