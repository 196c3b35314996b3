// The eHerkenning side of ggk: the configured broker, or (without one) the development identity
// provider with a test identity for every demo user. Started once the web server knows its address,
// because the broker must send people back to it.
import { randomBytes } from 'node:crypto';
import { LEVELS_OF_ASSURANCE, type Config } from '../config/env.ts';
import type { IdentityGateway } from '../http/app.ts';
import type { Logger } from '../platform/logging/logger.ts';
import {
  startDevIdentityProvider,
  type DevIdentity,
  type DevOrganisation,
} from '../platform/oidc/dev-identity-provider.ts';
import { createRelyingParty } from '../platform/oidc/relying-party.ts';

export interface RunningIdentity {
  issuer: string;
  stop(): Promise<void>;
}

export async function connectIdentity(
  config: Config,
  log: Logger,
  gateway: IdentityGateway,
  baseUrl: string,
  devIdentities: DevIdentity[],
  /** For the dev IdP: the organisations a new employee may log in for, with their names. */
  devOrganisations?: () => Promise<DevOrganisation[]>,
): Promise<RunningIdentity> {
  let issuer = config.oidc.issuer;
  let clientSecret = config.oidc.clientSecret;
  let stopDevIdp = async () => undefined as void;
  if (issuer === undefined) {
    clientSecret = randomBytes(24).toString('base64url');
    const idp = await startDevIdentityProvider({
      port: config.oidc.devIdentityProviderPort,
      identities: devIdentities,
      ...(devOrganisations ? { organisations: devOrganisations } : {}),
      clients: [
        {
          clientId: config.oidc.clientId,
          clientSecret,
          redirectUris: [`${baseUrl}/inloggen/callback`],
          postLogoutRedirectUris: [`${baseUrl}/uitgelogd`],
        },
      ],
      claims: config.oidc.claims,
      log: log.child({ module: 'dev-idp' }),
    });
    issuer = idp.issuer;
    stopDevIdp = idp.stop;
    log.info({ issuer }, 'development identity provider started');
  }
  const relyingParty = await createRelyingParty({
    issuer,
    clientId: config.oidc.clientId,
    ...(clientSecret ? { clientSecret } : {}),
    redirectUri: `${baseUrl}/inloggen/callback`,
    claims: config.oidc.claims,
    minimumLevelOfAssurance: config.oidc.minimumLevelOfAssurance,
    levels: LEVELS_OF_ASSURANCE,
    // Plain http only for the built-in provider, or outside production: a test that runs one
    // development provider for several nodes (test/integration/multi-node.int.test.ts) gives it as
    // GGK_OIDC_ISSUER. Production always demands an https broker.
    allowInsecureHttp: config.oidc.issuer === undefined || config.environment !== 'production',
  });
  gateway.broker = relyingParty;
  gateway.origin = new URL(issuer).origin;
  gateway.logoutUrl = (idToken, redirect) => relyingParty.logoutUrl(idToken, redirect);
  return {
    issuer,
    async stop() {
      delete gateway.broker;
      delete gateway.origin;
      delete gateway.logoutUrl;
      await stopDevIdp();
    },
  };
}
