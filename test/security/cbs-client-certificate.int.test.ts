// The CBS channel bound to a client certificate (contract cbs-handover, "Who may call it"): with
// GGK_CBS_CLIENT_CERT_SHA256 set, a CBS token works only with an accepted certificate. Behind a
// TLS-terminating proxy the certificate arrives in a header (GGK_TRUSTED_PROXY_CERT_HEADER), which
// is believed only on a connection from a configured proxy: a certificate's fingerprint is public,
// so from anyone else the header proves nothing.
import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { createCbsToken } from '../../src/modules/auth/index.ts';
import { startTestApp, type TestApp } from '../support/test-app.ts';

const now = new Date('2018-02-20T09:00:00Z');
const accepted = createHash('sha256').update('het certificaat van CBS').digest('hex');
const other = createHash('sha256').update('een ander certificaat').digest('hex');
const apps: TestApp[] = [];
after(async () => {
  for (const app of apps) await app.close();
});

async function appWith(trustedProxies: string): Promise<{ t: TestApp; token: string }> {
  const t = await startTestApp({
    now: () => now,
    env: {
      GGK_CBS_CLIENT_CERT_SHA256: accepted,
      GGK_TRUSTED_PROXY_CERT_HEADER: 'X-Client-Cert-Sha256',
      ...(trustedProxies ? { GGK_TRUSTED_PROXIES: trustedProxies } : {}),
    },
  });
  apps.push(t);
  const { token } = await createCbsToken(t.database.db, { name: 'cbs', days: 30, createdBy: null, now });
  return { t, token };
}

const feed = (t: TestApp, token: string, certificate?: string) =>
  fetch(`${t.url}/api/v1/cbs/handovers`, {
    headers: {
      authorization: `Bearer ${token}`,
      ...(certificate === undefined ? {} : { 'x-client-cert-sha256': certificate }),
    },
  });

test('behind a trusted proxy: the accepted certificate opens the feed, another or none is a 403', async () => {
  const { t, token } = await appWith('127.0.0.1,::1');
  assert.equal((await feed(t, token, accepted)).status, 200);
  // Colon-separated upper case, as proxies often write it, is the same fingerprint.
  const colons = accepted.toUpperCase().match(/../g)!.join(':');
  assert.equal((await feed(t, token, colons)).status, 200);
  const refused = await feed(t, token, other);
  assert.equal(refused.status, 403);
  assert.match(refused.headers.get('content-type') ?? '', /problem\+json/);
  assert.equal((await feed(t, token)).status, 403);
  assert.equal((await feed(t, token, 'geen certificaat')).status, 403);
});

test('the certificate header from a client that is not a configured proxy proves nothing', async () => {
  // The proxy is elsewhere; this test connects straight from 127.0.0.1 and claims the fingerprint.
  const { t, token } = await appWith('10.11.12.13');
  assert.equal((await feed(t, token, accepted)).status, 403);
  // No proxies configured at all: the header is never believed.
  const bare = await appWith('');
  assert.equal((await feed(bare.t, bare.token, accepted)).status, 403);
});
