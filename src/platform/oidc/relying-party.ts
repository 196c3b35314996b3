// ggk as an OpenID Connect relying party of an eHerkenning broker (or of the development identity
// provider): authorization code flow with PKCE (S256), nonce and state, and the checks ggk needs on
// top of OpenID Connect: who acts, for which organisation, and at which level of assurance.
import { timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import { describeLevelOfAssurance, describeRequiredLevel } from './levels-of-assurance.ts';

export interface RelyingPartyOptions {
  issuer: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  claims: { actingSubject: string; legalSubject: string; levelOfAssurance: string };
  minimumLevelOfAssurance: string;
  /** All levels the broker may send, lowest first; a level not in this list counts as too low. */
  levels: readonly string[];
  /** Only for the development identity provider on http://127.0.0.1. */
  allowInsecureHttp?: boolean;
}

/** What ggk must keep (server-side, bound to the browser) between beginLogin and finishLogin. */
export interface PendingLogin {
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface LoginResult {
  actingSubject: string;
  legalSubject: string;
  levelOfAssurance: string;
  /** Keep for logoutUrl(); never log it. */
  idToken: string;
  /** All claims of the id token, completed from userinfo when the id token lacked one of ours. */
  claims: Record<string, unknown>;
}

export interface RelyingParty {
  beginLogin(): Promise<{ url: string; pending: PendingLogin }>;
  finishLogin(callbackUrl: URL, pending: PendingLogin): Promise<LoginResult>;
  /** The broker's end_session_endpoint with the hints, or undefined when it has none. */
  logoutUrl(idTokenHint?: string, postLogoutRedirectUri?: string): string | undefined;
}

export type LoginErrorReason =
  | 'state_mismatch'
  | 'nonce_mismatch'
  | 'level_too_low'
  | 'missing_claim'
  | 'access_denied'
  | 'provider_error';

/** A failed login; `message` is Dutch and safe to show, `cause` (when set) is for the log only. */
export class LoginError extends Error {
  /** Who tried, when the broker told us before the login was refused (for the login-attempt log). */
  readonly identity: { actingSubject?: string; legalSubject?: string; levelOfAssurance?: string } | undefined;
  constructor(
    readonly reason: LoginErrorReason,
    message: string,
    options?: {
      cause?: unknown;
      identity?: { actingSubject?: string; legalSubject?: string; levelOfAssurance?: string };
    },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'LoginError';
    this.identity = options?.identity;
  }
}

const MESSAGES = {
  state_mismatch:
    'Deze inlogpoging hoort niet bij deze browser (de controlewaarde klopt niet). Begin opnieuw met inloggen.',
  nonce_mismatch:
    'Het antwoord van de inlogdienst hoort niet bij deze inlogpoging (de controlewaarde klopt niet). Begin opnieuw met inloggen.',
  access_denied: 'Het inloggen met eHerkenning is afgebroken. U bent niet ingelogd.',
  provider_error:
    'Inloggen met eHerkenning is niet gelukt door een fout bij de inlogdienst. Probeer het later opnieuw.',
} as const;

export async function createRelyingParty(options: RelyingPartyOptions): Promise<RelyingParty> {
  const minimumRank = options.levels.indexOf(options.minimumLevelOfAssurance);
  if (minimumRank < 0)
    throw new Error(`minimum level of assurance ${options.minimumLevelOfAssurance} is not a known level`);

  const execute = options.allowInsecureHttp ? [client.allowInsecureRequests] : [];
  const discovered = await client.discovery(
    new URL(options.issuer),
    options.clientId,
    undefined,
    client.None(),
    {
      execute,
    },
  );
  const server = discovered.serverMetadata();
  // Basic is the OpenID Connect default; some brokers only offer client_secret_post.
  const methods = server.token_endpoint_auth_methods_supported ?? ['client_secret_basic'];
  const secret = options.clientSecret;
  const authentication =
    secret === undefined
      ? client.None()
      : methods.includes('client_secret_basic')
        ? client.ClientSecretBasic(secret)
        : client.ClientSecretPost(secret);
  const config = new client.Configuration(
    { ...server },
    options.clientId,
    secret === undefined ? undefined : { client_secret: secret },
    authentication,
  );
  if (options.allowInsecureHttp) client.allowInsecureRequests(config);

  const names = options.claims;

  return {
    async beginLogin() {
      const pending: PendingLogin = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        codeVerifier: client.randomPKCECodeVerifier(),
      };
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: options.redirectUri,
        scope: 'openid',
        response_type: 'code',
        state: pending.state,
        nonce: pending.nonce,
        code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
        code_challenge_method: 'S256',
      });
      return { url: url.href, pending };
    },

    async finishLogin(callbackUrl, pending) {
      // Checked here too (openid-client checks it as well) so the reason does not depend on the
      // wording of a library error.
      if (!sameSecret(callbackUrl.searchParams.get('state'), pending.state)) {
        throw new LoginError('state_mismatch', MESSAGES.state_mismatch);
      }
      let tokens;
      try {
        tokens = await client.authorizationCodeGrant(config, callbackUrl, {
          expectedState: pending.state,
          expectedNonce: pending.nonce,
          pkceCodeVerifier: pending.codeVerifier,
        });
      } catch (error) {
        throw toLoginError(error);
      }
      const idToken = tokens.id_token;
      const idClaims = tokens.claims();
      if (!idToken || !idClaims) throw new LoginError('provider_error', MESSAGES.provider_error);

      let claims: Record<string, unknown> = { ...idClaims };
      if (
        [names.actingSubject, names.legalSubject, names.levelOfAssurance].some(
          (n) => readClaim(claims, n) === undefined,
        )
      ) {
        try {
          const userinfo = await client.fetchUserInfo(config, tokens.access_token, idClaims.sub);
          // The signed id token wins where both have a claim.
          claims = { ...userinfo, ...claims };
        } catch (error) {
          throw toLoginError(error);
        }
      }

      const actingSubject = readClaim(claims, names.actingSubject);
      const legalSubject = readClaim(claims, names.legalSubject);
      const levelOfAssurance = readClaim(claims, names.levelOfAssurance);
      if (actingSubject === undefined) throw missingClaim('wie u bent');
      if (legalSubject === undefined) throw missingClaim('voor welke organisatie u handelt');
      if (levelOfAssurance === undefined)
        throw missingClaim('met welk betrouwbaarheidsniveau u bent ingelogd');

      // An unknown level ranks -1, below every known one: refused like a low level.
      if (options.levels.indexOf(levelOfAssurance) < minimumRank) {
        const shown = options.levels.includes(levelOfAssurance)
          ? `betrouwbaarheidsniveau ${describeLevelOfAssurance(levelOfAssurance)}`
          : `een onbekend betrouwbaarheidsniveau (${levelOfAssurance})`;
        throw new LoginError(
          'level_too_low',
          `U bent ingelogd met ${shown}; voor ggk is minimaal ${describeRequiredLevel(options.minimumLevelOfAssurance)} nodig.`,
          { identity: { actingSubject, legalSubject, levelOfAssurance } },
        );
      }

      return { actingSubject, legalSubject, levelOfAssurance, idToken, claims };
    },

    logoutUrl(idTokenHint, postLogoutRedirectUri) {
      if (!config.serverMetadata().end_session_endpoint) return undefined;
      const parameters: Record<string, string> = {};
      if (idTokenHint) parameters.id_token_hint = idTokenHint;
      if (postLogoutRedirectUri) parameters.post_logout_redirect_uri = postLogoutRedirectUri;
      return client.buildEndSessionUrl(config, parameters).href;
    },
  };
}

/** A claim as a non-empty string; KvK numbers may come as JSON numbers from some brokers. */
function readClaim(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claims[name];
  if (typeof value === 'string' && value !== '') return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function missingClaim(what: string): LoginError {
  return new LoginError(
    'missing_claim',
    `De inlogdienst heeft niet doorgegeven ${what}. Zonder dat gegeven kan ggk u niet inloggen; neem contact op met de servicedesk.`,
  );
}

function sameSecret(received: string | null, expected: string): boolean {
  if (received === null) return false;
  const a = Buffer.from(received);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function toLoginError(error: unknown): LoginError {
  if (error instanceof LoginError) return error;
  if (error instanceof client.AuthorizationResponseError) {
    return error.error === 'access_denied'
      ? new LoginError('access_denied', MESSAGES.access_denied, { cause: error })
      : new LoginError('provider_error', MESSAGES.provider_error, { cause: error });
  }
  if (error instanceof client.ClientError) {
    const detail = error.cause;
    if (
      error.code === 'OAUTH_INVALID_RESPONSE' &&
      detail instanceof Error &&
      detail.message.includes('"state"')
    ) {
      return new LoginError('state_mismatch', MESSAGES.state_mismatch, { cause: error });
    }
    if (
      error.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED' &&
      detail instanceof Error &&
      (detail.cause as { claim?: unknown } | undefined)?.claim === 'nonce'
    ) {
      return new LoginError('nonce_mismatch', MESSAGES.nonce_mismatch, { cause: error });
    }
  }
  return new LoginError('provider_error', MESSAGES.provider_error, { cause: error });
}
