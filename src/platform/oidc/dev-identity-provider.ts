// The development identity provider: a real OpenID Connect provider (oidc-provider) on 127.0.0.1
// that stands in for an eHerkenning broker, so the whole login flow of ggk runs locally with test
// identities. It is for the embedded (development) mode only: in-memory storage, keys and cookie
// keys that live as long as the process, and a login page where anyone may pick anyone.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type Provider from 'oidc-provider';
import type {
  Account,
  Adapter,
  AdapterPayload,
  Configuration,
  InteractionResults,
  JWK,
  KoaContextWithOIDC,
} from 'oidc-provider';
import { describeLevelOfAssurance } from './levels-of-assurance.ts';

export interface DevIdentity {
  /** Stable pseudonymous employee id; becomes `sub` and the acting-subject claim. */
  id: string;
  /** Shown on the picker, e.g. "Bram Jansen — aanleveraar, Amsterdam". */
  label: string;
  /** KvK number (8 digits) or OIN (20 digits) of the organisation acted for. */
  legalSubject: string;
  /** e.g. 'urn:etoegang:core:assurance-class:loa3'. */
  levelOfAssurance: string;
}

export interface DevOrganisation {
  legalSubject: string;
  name: string;
}

/** The acting subject of a new employee of the organisation with this KvK number or OIN. */
export function newcomerId(legalSubject: string): string {
  return `nieuw-${legalSubject}`;
}

const NEWCOMER_LEVEL = 'urn:etoegang:core:assurance-class:loa3';

export interface DevIdentityProviderClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris?: string[];
}

export interface DevIdentityProviderOptions {
  /** 0 picks a free port. */
  port: number;
  identities: DevIdentity[];
  clients: DevIdentityProviderClient[];
  /** The claim NAMES to emit, as a broker would be configured. */
  claims: { actingSubject: string; legalSubject: string; levelOfAssurance: string };
  /**
   * The organisations a person acts for, by KvK number or OIN, read when the picker is shown: their
   * names stand beside the numbers, and a new employee (not yet known to the relying party) can log
   * in for any of them, e.g. to finish a registration or an invitation.
   */
  organisations?: () => Promise<DevOrganisation[]>;
  /** The level a new employee logs in with (default EH3). */
  newcomerLevelOfAssurance?: string;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export interface DevIdentityProvider {
  issuer: string;
  stop(): Promise<void>;
}

export const DEV_IDP_PAGE_TITLE = 'Test-inlog eHerkenning (ontwikkelomgeving)';

// oidc-provider 9 supports Node 22+; ggk runs on Node 24 (docs/decisions/0008-node-24.md), so it is
// imported plainly, with no filter on its warnings.
let oidcProviderModule: Promise<typeof import('oidc-provider')> | undefined;

function importOidcProvider(): Promise<typeof import('oidc-provider')> {
  oidcProviderModule ??= import('oidc-provider');
  return oidcProviderModule;
}

export async function startDevIdentityProvider(
  options: DevIdentityProviderOptions,
): Promise<DevIdentityProvider> {
  const { Provider: ProviderClass, interactionPolicy } = await importOidcProvider();
  const identities = new Map(options.identities.map((identity) => [identity.id, identity]));
  if (identities.size !== options.identities.length) throw new Error('dev identity ids must be unique');
  // New employees chosen on the picker join the known identities, so the provider finds their account.
  const people: People = { identities, newcomers: new Map(), options };

  // The server listens before the provider exists, because with port 0 the issuer (which holds the
  // port) is only known once listening; the request handler is attached once the provider exists,
  // before anyone can know the port.
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let provider: Provider;
  try {
    provider = new ProviderClass(issuer, buildConfiguration(options, people, interactionPolicy));
  } catch (error) {
    server.close();
    throw error;
  }
  provider.on('server_error', (_ctx: KoaContextWithOIDC, error: Error) => {
    options.log?.warn({ error: error.message }, 'development identity provider: server error');
  });

  const providerCallback = provider.callback();
  const allowedFormTargets = [
    "'self'",
    ...new Set(
      options.clients.flatMap((c) => [...c.redirectUris, ...(c.postLogoutRedirectUris ?? [])]).map(originOf),
    ),
  ].join(' ');
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path === STYLESHEET_PATH) return sendStylesheet(res);
    if (path.startsWith('/interaction/')) {
      handleInteraction(provider, people, req, res, path, allowedFormTargets).catch((error: unknown) => {
        options.log?.warn(
          { error: error instanceof Error ? error.message : String(error) },
          'development identity provider: interaction failed',
        );
        if (!res.headersSent) {
          sendPage(
            res,
            500,
            allowedFormTargets,
            'Er ging iets mis',
            '<p>De test-inlog kon deze stap niet afronden. Ga terug naar ggk en begin opnieuw.</p>',
          );
        } else res.end();
      });
      return;
    }
    void providerCallback(req, res);
  });

  options.log?.info({ issuer, identities: identities.size }, 'development identity provider listening');
  return {
    issuer,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive connections (fetch keeps them) would hold close() open for seconds.
        server.closeAllConnections();
      }),
  };
}

interface People {
  identities: Map<string, DevIdentity>;
  newcomers: Map<string, DevIdentity>;
  options: DevIdentityProviderOptions;
}

function findIdentity(people: People, id: string): DevIdentity | undefined {
  return people.identities.get(id) ?? people.newcomers.get(id);
}

function buildConfiguration(
  options: DevIdentityProviderOptions,
  people: People,
  interactionPolicy: typeof import('oidc-provider').interactionPolicy,
): Configuration {
  const names = options.claims;
  // All claims live in the `openid` scope, so every id token and every userinfo response carry
  // them, as eHerkenning brokers do. `acr` is a claim oidc-provider normally adds only when the
  // client asks for it (acr_values or the claims parameter); listing it in the scope makes the
  // level always present when its configured name is `acr`.
  const extraClaims = [...new Set([names.actingSubject, names.legalSubject, names.levelOfAssurance])].filter(
    (name) => name !== 'sub',
  );

  // Always show the picker, also when the browser still has a session at this provider: the point
  // of the development provider is to try different identities one after another.
  const policy = interactionPolicy.base();
  policy
    .get('login')
    ?.checks.add(
      new interactionPolicy.Check(
        'dev_pick_identity',
        'the development provider always asks which identity',
        (ctx) =>
          ctx.oidc.result?.login
            ? interactionPolicy.Check.NO_NEED_TO_PROMPT
            : interactionPolicy.Check.REQUEST_PROMPT,
      ),
    );

  return {
    adapter: createMemoryAdapterFactory(),
    clients: options.clients.map((client) => ({
      client_id: client.clientId,
      client_secret: client.clientSecret,
      redirect_uris: client.redirectUris,
      post_logout_redirect_uris: client.postLogoutRedirectUris ?? [],
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    jwks: { keys: [createSigningKey()] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    pkce: { required: () => true },
    // Explicit lifetimes (in seconds) so oidc-provider does not announce its defaults on every
    // start; generous for the picker, short for codes and tokens that ggk uses once.
    ttl: {
      AuthorizationCode: 60,
      AccessToken: 600,
      IdToken: 600,
      Interaction: 1800,
      Grant: 8 * 3600,
      Session: 8 * 3600,
    },
    acrValues: [
      ...new Set([
        ...options.identities.map((identity) => identity.levelOfAssurance),
        ...(options.organisations ? [options.newcomerLevelOfAssurance ?? NEWCOMER_LEVEL] : []),
      ]),
    ],
    claims: { acr: null, sid: null, auth_time: null, iss: null, openid: ['sub', ...extraClaims] },
    // With the claims in the scope this changes nothing today; set explicitly so the id token keeps
    // the claims even if an access token for userinfo is issued alongside.
    conformIdTokenClaims: false,
    findAccount: (_ctx, sub) => {
      const identity = findIdentity(people, sub);
      return identity ? toAccount(identity, names) : undefined;
    },
    interactions: {
      policy,
      url: (_ctx, interaction) => `/interaction/${interaction.uid}`,
    },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: (ctx, form) => {
          ctx.type = 'html';
          ctx.body = renderPage(
            'Uitloggen bij de test-inlog',
            `${form}<p>Wilt u ook uitloggen bij de test-inlog van de ontwikkelomgeving?</p>
<div class="knoppen"><button type="submit" form="op.logoutForm" name="logout" value="yes">Ja, uitloggen</button>
<button type="submit" form="op.logoutForm" class="secundair">Nee, ingelogd blijven</button></div>`,
          );
        },
        postLogoutSuccessSource: (ctx) => {
          ctx.type = 'html';
          ctx.body = renderPage(
            'Uitgelogd',
            '<p>U bent uitgelogd bij de test-inlog van de ontwikkelomgeving.</p>',
          );
        },
      },
    },
    renderError: (ctx, out) => {
      ctx.type = 'html';
      ctx.body = renderPage(
        'Er ging iets mis bij de test-inlog',
        `<p>De test-inlog van de ontwikkelomgeving kon het verzoek niet uitvoeren.</p>
<dl><dt>Fout</dt><dd>${escapeHtml(String(out.error))}</dd>${
          out.error_description
            ? `<dt>Toelichting</dt><dd>${escapeHtml(String(out.error_description))}</dd>`
            : ''
        }</dl>`,
      );
    },
  };
}

function toAccount(identity: DevIdentity, names: DevIdentityProviderOptions['claims']): Account {
  return {
    accountId: identity.id,
    claims: () => ({
      sub: identity.id,
      [names.actingSubject]: identity.id,
      [names.legalSubject]: identity.legalSubject,
      [names.levelOfAssurance]: identity.levelOfAssurance,
    }),
  };
}

function createSigningKey(): JWK {
  // RS256 is the id token algorithm every relying party supports; a fresh key per start is fine,
  // relying parties fetch the JWKS again when they meet an unknown key id.
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    ...(privateKey.export({ format: 'jwk' }) as JWK),
    kid: randomBytes(8).toString('hex'),
    use: 'sig',
    alg: 'RS256',
  };
}

// A small in-memory store instead of oidc-provider's built-in one, which announces itself with a
// warning on every start; data is lost on restart, which is what a development provider wants.
function createMemoryAdapterFactory(): (model: string) => Adapter {
  const store = new Map<string, { payload: AdapterPayload; expiresAt: number }>();
  const uidIndex = new Map<string, string>();
  const read = (key: string): AdapterPayload | undefined => {
    const entry = store.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= Date.now()) {
      store.delete(key);
      return undefined;
    }
    return entry.payload;
  };
  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of store) if (entry.expiresAt <= now) store.delete(key);
  };
  return (model) => ({
    async upsert(id, payload, expiresIn) {
      sweep();
      const expiresAt =
        typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : Number.POSITIVE_INFINITY;
      store.set(`${model}:${id}`, { payload, expiresAt });
      if (model === 'Session' && payload.uid) uidIndex.set(payload.uid, id);
    },
    async find(id) {
      return read(`${model}:${id}`);
    },
    async findByUid(uid) {
      const id = uidIndex.get(uid);
      return id === undefined ? undefined : read(`${model}:${id}`);
    },
    async findByUserCode() {
      return undefined;
    },
    async consume(id) {
      const payload = read(`${model}:${id}`);
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    },
    async destroy(id) {
      const payload = read(`${model}:${id}`);
      if (model === 'Session' && payload?.uid) uidIndex.delete(payload.uid);
      store.delete(`${model}:${id}`);
    },
    async revokeByGrantId(grantId) {
      for (const [key, entry] of store) if (entry.payload.grantId === grantId) store.delete(key);
    },
  });
}

async function handleInteraction(
  provider: Provider,
  people: People,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  allowedFormTargets: string,
): Promise<void> {
  const [, , uid, action] = path.split('/');
  let details;
  try {
    details = await provider.interactionDetails(req, res);
  } catch {
    // Unknown or expired interaction (or its cookie is missing): nothing to resume.
    return sendPage(
      res,
      400,
      allowedFormTargets,
      'Inlogpoging verlopen',
      '<p>Deze inlogpoging is verlopen of onbekend. Ga terug naar ggk en begin opnieuw met inloggen.</p>',
    );
  }
  if (details.uid !== uid) return sendPage(res, 400, allowedFormTargets, 'Onbekende inlogpoging', '');

  if (req.method === 'GET' && action === undefined) {
    // The consent prompt only appears when a client asks for more than the login granted; the
    // development provider grants everything a registered client asks for.
    if (details.prompt.name === 'consent') {
      const grantId = await grantRequested(provider, details);
      return provider.interactionFinished(
        req,
        res,
        { consent: { grantId } },
        { mergeWithLastSubmission: true },
      );
    }
    const organisations = await people.options.organisations?.();
    return sendPage(
      res,
      200,
      allowedFormTargets,
      DEV_IDP_PAGE_TITLE,
      renderPicker(uid, people.identities, organisations),
    );
  }

  if (req.method === 'POST' && action === 'login') {
    const form = await readForm(req);
    const newcomerOf = form.get('nieuw');
    const identity =
      newcomerOf === null
        ? findIdentity(people, form.get('identity') ?? '')
        : await newcomer(people, newcomerOf);
    if (!identity) {
      return sendPage(
        res,
        400,
        allowedFormTargets,
        'Onbekende testidentiteit',
        '<p>Kies een identiteit uit de lijst.</p>',
      );
    }
    const grantId = await grantRequested(provider, details, identity.id);
    const result: InteractionResults = {
      login: { accountId: identity.id, acr: identity.levelOfAssurance, remember: false },
      consent: { grantId },
    };
    return provider.interactionFinished(req, res, result, { mergeWithLastSubmission: false });
  }

  if (req.method === 'POST' && action === 'cancel') {
    await readForm(req);
    return provider.interactionFinished(
      req,
      res,
      { error: 'access_denied', error_description: 'De gebruiker heeft het inloggen afgebroken.' },
      { mergeWithLastSubmission: false },
    );
  }

  res.writeHead(405, { allow: 'GET, POST' }).end();
}

/** Saves a grant for everything the client asked for, so no consent screen is shown. */
async function grantRequested(
  provider: Provider,
  details: Awaited<ReturnType<Provider['interactionDetails']>>,
  accountId?: string,
): Promise<string> {
  const clientId = String(details.params.client_id);
  const account = accountId ?? details.session?.accountId;
  const grant = details.grantId
    ? await provider.Grant.find(details.grantId)
    : new provider.Grant({ clientId, accountId: account });
  if (!grant) throw new Error('grant of the interaction not found');
  // Same account again: keep adding to the existing grant; otherwise start a fresh one.
  const target = grant.accountId === account ? grant : new provider.Grant({ clientId, accountId: account });
  target.addOIDCScope('openid');
  const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[] };
  if (missing.missingOIDCScope) target.addOIDCScope(missing.missingOIDCScope);
  if (missing.missingOIDCClaims) target.addOIDCClaims(missing.missingOIDCClaims);
  return target.save();
}

/** A new employee of the organisation with this KvK number or OIN, if the picker offers it. */
async function newcomer(people: People, legalSubject: string): Promise<DevIdentity | undefined> {
  const organisation = (await people.options.organisations?.())?.find((o) => o.legalSubject === legalSubject);
  if (!organisation) return undefined;
  const identity: DevIdentity = {
    id: newcomerId(legalSubject),
    label: `Nieuwe medewerker van ${organisation.name}`,
    legalSubject,
    levelOfAssurance: people.options.newcomerLevelOfAssurance ?? NEWCOMER_LEVEL,
  };
  people.newcomers.set(identity.id, identity);
  return identity;
}

function legalSubjectText(legalSubject: string): string {
  return /^\d{20}$/.test(legalSubject) ? `OIN ${legalSubject}` : `KvK-nummer ${legalSubject}`;
}

/** "Amsterdam (KvK-nummer 90363000)": the organisations' names beside the number, when known. */
function actingForText(legalSubject: string, organisations: DevOrganisation[] | undefined): string {
  const names = (organisations ?? []).filter((o) => o.legalSubject === legalSubject).map((o) => o.name);
  return names.length > 0
    ? `${names.join(', ')} (${legalSubjectText(legalSubject)})`
    : legalSubjectText(legalSubject);
}

function renderPicker(
  uid: string,
  identities: Map<string, DevIdentity>,
  organisations: DevOrganisation[] | undefined,
): string {
  const base = `/interaction/${encodeURIComponent(uid)}`;
  const items = [...identities.values()]
    .map((identity) => {
      const level = describeLevelOfAssurance(identity.levelOfAssurance);
      const organisation = actingForText(identity.legalSubject, organisations);
      return `<li>
<form method="post" action="${base}/login">
<input type="hidden" name="identity" value="${escapeHtml(identity.id)}">
<p class="naam">${escapeHtml(identity.label)}</p>
<p>Betrouwbaarheidsniveau: ${escapeHtml(level)} <span class="klein">(${escapeHtml(identity.levelOfAssurance)})</span></p>
<p>Handelt namens: ${escapeHtml(organisation)}</p>
<button type="submit">Inloggen als ${escapeHtml(identity.label)}</button>
</form>
</li>`;
    })
    .join('\n');
  return `<p class="waarschuwing"><strong>Dit is geen echte eHerkenning.</strong> Deze pagina vervangt in de
ontwikkelomgeving van ggk de inlog via een eHerkenningsmakelaar. Er wordt niets gecontroleerd: kies een
testidentiteit om daarmee in te loggen.</p>
<h2>Kies een testidentiteit</h2>
<ul class="identiteiten">
${items}
</ul>
${organisations && organisations.length > 0 ? renderNewcomerForm(base, organisations) : ''}<form method="post" action="${base}/cancel">
<button type="submit" class="secundair">Annuleren</button>
</form>`;
}

/** Log in as an employee ggk does not know yet, for any organisation (registration, invitation). */
function renderNewcomerForm(base: string, organisations: DevOrganisation[]): string {
  const options = [...organisations]
    .sort((a, b) => a.name.localeCompare(b.name, 'nl'))
    .map(
      (o) =>
        `<option value="${escapeHtml(o.legalSubject)}">${escapeHtml(`${o.name} (${legalSubjectText(o.legalSubject)})`)}</option>`,
    )
    .join('\n');
  return `<h2>Nieuwe medewerker</h2>
<form method="post" action="${base}/login" class="nieuw">
<p>Een medewerker die ggk nog niet kent, bijvoorbeeld om een aanmelding of een uitnodiging af te ronden.</p>
<p><label for="nieuw">Handelt namens</label><br>
<select id="nieuw" name="nieuw">
${options}
</select></p>
<button type="submit">Inloggen als nieuwe medewerker</button>
</form>
`;
}

function renderPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="${STYLESHEET_PATH}">
</head>
<body>
<main>
<h1>${escapeHtml(title)}</h1>
${body}
</main>
</body>
</html>
`;
}

function sendPage(
  res: ServerResponse,
  status: number,
  formTargets: string,
  title: string,
  body: string,
): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    // form-action also governs the redirects after a form post (to /auth and on to the client).
    'content-security-policy': `default-src 'none'; style-src 'self'; form-action ${formTargets}; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  });
  res.end(renderPage(title, body));
}

const STYLESHEET_PATH = '/dev-idp.css';
const STYLESHEET = `body{font-family:system-ui,sans-serif;line-height:1.5;margin:0;color:#1a1a1a;background:#f5f5f5}
main{max-width:42rem;margin:2rem auto;padding:1.5rem;background:#fff;border:1px solid #ccc}
@media (max-width:30em){main{margin:0;padding:1rem}}
h1{font-size:1.6rem;margin-top:0}
.waarschuwing{border-left:.4rem solid #b35900;background:#fff4e5;padding:.75rem 1rem}
.identiteiten{list-style:none;padding:0}
.identiteiten li{border:1px solid #ccc;padding:.75rem 1rem;margin-bottom:.75rem}
.identiteiten p{margin:.25rem 0}
p,h1,h2{overflow-wrap:anywhere}
.naam{font-weight:bold}
.nieuw{border:1px solid #ccc;padding:.75rem 1rem;margin-bottom:.75rem}
select{font:inherit;max-width:100%}
select:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.klein{font-size:.85em;color:#555}
button{font:inherit;padding:.5rem 1rem;border:2px solid #154273;background:#154273;color:#fff;cursor:pointer}
button.secundair{background:#fff;color:#154273}
button:focus-visible{outline:3px solid #ffbf47;outline-offset:2px}
.knoppen{display:flex;gap:1rem}
dt{font-weight:bold}
`;

function sendStylesheet(res: ServerResponse): void {
  res
    .writeHead(200, { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'max-age=300' })
    .end(STYLESHEET);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16_384) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

function originOf(uri: string): string {
  return new URL(uri).origin;
}

function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );
}
