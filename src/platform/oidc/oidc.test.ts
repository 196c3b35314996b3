// The development identity provider and the relying party against each other, over real HTTP.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as client from 'openid-client';
import {
  startDevIdentityProvider,
  DEV_IDP_PAGE_TITLE,
  newcomerId,
  type DevIdentity,
} from './dev-identity-provider.ts';
import {
  createRelyingParty,
  LoginError,
  type RelyingParty,
  type RelyingPartyOptions,
} from './relying-party.ts';
import {
  cancelThroughDevIdp,
  fetchDevIdpPicker,
  loginAsNewcomerThroughDevIdp,
  loginThroughDevIdp,
} from './dev-login-driver.ts';

const LEVELS = [
  'urn:etoegang:core:assurance-class:loa1',
  'urn:etoegang:core:assurance-class:loa2',
  'urn:etoegang:core:assurance-class:loa2plus',
  'urn:etoegang:core:assurance-class:loa3',
  'urn:etoegang:core:assurance-class:loa4',
] as const;
const LOA2 = LEVELS[1];
const LOA3 = LEVELS[3];
const LOA4 = LEVELS[4];

const IDENTITIES: DevIdentity[] = [
  {
    id: 'bram-0363',
    label: 'Bram Jansen — aanleveraar, Amsterdam',
    legalSubject: '34366966',
    levelOfAssurance: LOA3,
  },
  {
    id: 'eva-0344',
    label: 'Eva de Vries — te laag niveau, Utrecht',
    legalSubject: '30280353',
    levelOfAssurance: LOA2,
  },
  {
    id: 'sam-cbs',
    label: 'Sam Bakker — cbs, CBS',
    legalSubject: '00000001003214345000',
    levelOfAssurance: LOA4,
  },
  {
    id: 'odd-level',
    label: 'Onbekend niveau',
    legalSubject: '12345678',
    levelOfAssurance: 'urn:example:loa9',
  },
];
const REDIRECT_URI = 'http://127.0.0.1:9/callback';
const CLIENT = { clientId: 'ggk', clientSecret: 'test-secret-ggk', redirectUris: [REDIRECT_URI] };
const DEFAULT_CLAIMS = {
  actingSubject: 'sub',
  legalSubject: 'urn:etoegang:core:LegalSubjectID',
  levelOfAssurance: 'acr',
};

function relyingPartyOptions(issuer: string, claims = DEFAULT_CLAIMS): RelyingPartyOptions {
  return {
    issuer,
    clientId: CLIENT.clientId,
    clientSecret: CLIENT.clientSecret,
    redirectUri: REDIRECT_URI,
    claims,
    minimumLevelOfAssurance: LOA3,
    levels: LEVELS,
    allowInsecureHttp: true,
  };
}

function decodeJwtPayload(jwt: string): Record<string, unknown> {
  const payload = jwt.split('.')[1];
  assert.ok(payload);
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
}

async function assertLoginError(
  promise: Promise<unknown>,
  reason: LoginError['reason'],
): Promise<LoginError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof LoginError, `expected a LoginError, got ${String(error)}`);
    assert.equal(error.reason, reason, error.message);
    return error;
  }
  assert.fail(`expected LoginError ${reason}`);
}

describe('development identity provider with the relying party', () => {
  let idp: { issuer: string; stop(): Promise<void> };
  let rp: RelyingParty;

  before(async () => {
    idp = await startDevIdentityProvider({
      port: 0,
      identities: IDENTITIES,
      clients: [CLIENT],
      claims: DEFAULT_CLAIMS,
    });
    rp = await createRelyingParty(relyingPartyOptions(idp.issuer));
  });
  after(() => idp.stop());

  test('an identity at EH3 logs in, with all three claims in the id token itself', async () => {
    const { url, pending } = await rp.beginLogin();
    const authorize = new URL(url);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.ok(authorize.searchParams.get('nonce'));
    const result = await rp.finishLogin(await loginThroughDevIdp(url, 'bram-0363'), pending);
    assert.equal(result.actingSubject, 'bram-0363');
    assert.equal(result.legalSubject, '34366966');
    assert.equal(result.levelOfAssurance, LOA3);
    const idToken = decodeJwtPayload(result.idToken);
    assert.equal(idToken.sub, 'bram-0363');
    assert.equal(idToken.acr, LOA3);
    assert.equal(idToken['urn:etoegang:core:LegalSubjectID'], '34366966');
    assert.equal(idToken.nonce, pending.nonce);
  });

  test('an identity at EH4 logs in', async () => {
    const { url, pending } = await rp.beginLogin();
    const result = await rp.finishLogin(await loginThroughDevIdp(url, 'sam-cbs'), pending);
    assert.equal(result.legalSubject, '00000001003214345000');
    assert.equal(result.levelOfAssurance, LOA4);
  });

  test('an identity at EH2 is refused with a Dutch message naming the required level', async () => {
    const { url, pending } = await rp.beginLogin();
    const error = await assertLoginError(
      rp.finishLogin(await loginThroughDevIdp(url, 'eva-0344'), pending),
      'level_too_low',
    );
    assert.equal(
      error.message,
      'U bent ingelogd met betrouwbaarheidsniveau EH2; voor ggk is minimaal eHerkenning niveau 3 (EH3) nodig.',
    );
  });

  test('an unknown level counts as too low', async () => {
    const { url, pending } = await rp.beginLogin();
    await assertLoginError(
      rp.finishLogin(await loginThroughDevIdp(url, 'odd-level'), pending),
      'level_too_low',
    );
  });

  test('a tampered state is refused as state_mismatch', async () => {
    const { url, pending } = await rp.beginLogin();
    const callback = await loginThroughDevIdp(url, 'bram-0363');
    callback.searchParams.set('state', `${pending.state}x`);
    await assertLoginError(rp.finishLogin(callback, pending), 'state_mismatch');
  });

  test('an id token for another nonce is refused as nonce_mismatch', async () => {
    const { url, pending } = await rp.beginLogin();
    const callback = await loginThroughDevIdp(url, 'bram-0363');
    await assertLoginError(
      rp.finishLogin(callback, { ...pending, nonce: client.randomNonce() }),
      'nonce_mismatch',
    );
  });

  test('"Annuleren" on the picker comes back as access_denied', async () => {
    const { url, pending } = await rp.beginLogin();
    const callback = await cancelThroughDevIdp(url);
    assert.equal(callback.origin + callback.pathname, REDIRECT_URI);
    assert.equal(callback.searchParams.get('error'), 'access_denied');
    const error = await assertLoginError(rp.finishLogin(callback, pending), 'access_denied');
    assert.match(error.message, /afgebroken/);
  });

  test('the provider refuses an authorization request without PKCE', async () => {
    const { url } = await rp.beginLogin();
    const withoutPkce = new URL(url);
    withoutPkce.searchParams.delete('code_challenge');
    withoutPkce.searchParams.delete('code_challenge_method');
    const response = await fetch(withoutPkce, { redirect: 'manual' });
    const location = new URL(response.headers.get('location') ?? '', idp.issuer);
    assert.equal(location.origin + location.pathname, REDIRECT_URI);
    assert.equal(location.searchParams.get('error'), 'invalid_request');
    assert.match(location.searchParams.get('error_description') ?? '', /PKCE/i);
  });

  test('the picker is a Dutch page without inline script or style that lists every identity', async () => {
    const { url } = await rp.beginLogin();
    const { html } = await fetchDevIdpPicker(url);
    assert.match(html, /<html lang="nl">/);
    assert.match(html, new RegExp(`<title>${DEV_IDP_PAGE_TITLE.replace(/[()]/g, '\\$&')}</title>`));
    assert.match(html, /<h1>Test-inlog eHerkenning \(ontwikkelomgeving\)<\/h1>/);
    assert.match(html, /geen echte eHerkenning/);
    assert.doesNotMatch(html, /<script|style=|<style/i);
    for (const identity of IDENTITIES) assert.ok(html.includes(identity.label), identity.label);
    assert.match(html, /EH3/);
    assert.match(html, /EH2/);
    assert.match(html, /EH4/);
    assert.equal(html.match(/<form /g)?.length, IDENTITIES.length + 1);
    assert.match(html, />Annuleren</);
  });

  test('logoutUrl points at the end_session_endpoint with the hints', async () => {
    const logout = new URL(rp.logoutUrl('id-token-hint', 'http://127.0.0.1:9/uitgelogd') ?? '');
    assert.equal(logout.origin, idp.issuer);
    assert.equal(logout.searchParams.get('id_token_hint'), 'id-token-hint');
    assert.equal(logout.searchParams.get('post_logout_redirect_uri'), 'http://127.0.0.1:9/uitgelogd');
    assert.equal(logout.searchParams.get('client_id'), CLIENT.clientId);
  });
});

test('custom claim names come through the id token and userinfo', async () => {
  const claims = {
    actingSubject: 'urn:etoegang:core:ActingSubjectID',
    legalSubject: 'urn:etoegang:core:LegalSubjectID',
    levelOfAssurance: 'urn:etoegang:core:LevelOfAssurance',
  };
  const idp = await startDevIdentityProvider({ port: 0, identities: IDENTITIES, clients: [CLIENT], claims });
  try {
    const rp = await createRelyingParty(relyingPartyOptions(idp.issuer, claims));
    const { url, pending } = await rp.beginLogin();
    const result = await rp.finishLogin(await loginThroughDevIdp(url, 'bram-0363'), pending);
    assert.equal(result.actingSubject, 'bram-0363');
    assert.equal(result.legalSubject, '34366966');
    assert.equal(result.levelOfAssurance, LOA3);
    const idToken = decodeJwtPayload(result.idToken);
    assert.equal(idToken[claims.actingSubject], 'bram-0363');
    assert.equal(idToken[claims.levelOfAssurance], LOA3);

    // Userinfo carries the same claims (the relying party falls back to it for a broker that
    // puts them only there).
    const config = await client.discovery(
      new URL(idp.issuer),
      CLIENT.clientId,
      CLIENT.clientSecret,
      undefined,
      {
        execute: [client.allowInsecureRequests],
      },
    );
    const codeVerifier = client.randomPKCECodeVerifier();
    const nonce = client.randomNonce();
    const authorize = client.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT_URI,
      scope: 'openid',
      nonce,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
    });
    const callback = await loginThroughDevIdp(authorize.href, 'sam-cbs');
    const tokens = await client.authorizationCodeGrant(config, callback, {
      expectedNonce: nonce,
      pkceCodeVerifier: codeVerifier,
    });
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, 'sam-cbs');
    assert.equal(userinfo[claims.actingSubject], 'sam-cbs');
    assert.equal(userinfo[claims.legalSubject], '00000001003214345000');
    assert.equal(userinfo[claims.levelOfAssurance], LOA4);
  } finally {
    await idp.stop();
  }
});

test('a new employee of any offered organisation logs in from the picker, which names the organisations', async () => {
  const idp = await startDevIdentityProvider({
    port: 0,
    identities: IDENTITIES,
    clients: [CLIENT],
    claims: DEFAULT_CLAIMS,
    organisations: async () => [
      { legalSubject: '34366966', name: 'Amsterdam' },
      { legalSubject: '30280353', name: 'Utrecht' },
    ],
  });
  try {
    const rp = await createRelyingParty(relyingPartyOptions(idp.issuer));
    const picker = (await fetchDevIdpPicker((await rp.beginLogin()).url)).html;
    assert.match(picker, /Handelt namens: Amsterdam \(KvK-nummer 34366966\)/);
    assert.match(picker, /Handelt namens: OIN 00000001003214345000/);
    assert.match(picker, /<option value="30280353">Utrecht \(KvK-nummer 30280353\)<\/option>/);
    const { url, pending } = await rp.beginLogin();
    const result = await rp.finishLogin(await loginAsNewcomerThroughDevIdp(url, '30280353'), pending);
    assert.equal(result.actingSubject, newcomerId('30280353'));
    assert.equal(result.legalSubject, '30280353');
    assert.equal(result.levelOfAssurance, LOA3);
    // Not an organisation the picker offers: no login.
    await assert.rejects(
      loginAsNewcomerThroughDevIdp((await rp.beginLogin()).url, '12345678'),
      /no new employee of 12345678/,
    );
  } finally {
    await idp.stop();
  }
});
