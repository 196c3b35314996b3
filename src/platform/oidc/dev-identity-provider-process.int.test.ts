// The development identity provider started in a process of its own (a spawned child, so it lives in
// the integration tier, not among the fast unit tests).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

test('starting the provider prints no oidc-provider warning on the pinned runtime', () => {
  const script = `
    const { startDevIdentityProvider } = await import('./src/platform/oidc/dev-identity-provider.ts');
    const idp = await startDevIdentityProvider({ port: 0, identities: [], clients: [], claims: { actingSubject: 'sub', legalSubject: 'x', levelOfAssurance: 'acr' } });
    await idp.stop();
  `;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stderr + run.stdout, /Unsupported runtime/);
  assert.doesNotMatch(run.stderr + run.stdout, /oidc-provider WARNING/);
});
