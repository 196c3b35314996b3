// CBS's tokens for the hand-over API (contract cbs-handover, "Who may call it"), in the portal for a
// CBS user: the list, a new token (shown once, in the answer to the POST, never in a URL or a log)
// and revoking one. The same service as `ggk token create --cbs` acts and records the audit entries.
// One file per use case in cbs-tokens/.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerCreateCbsToken } from './cbs-tokens/create-cbs-token.route.ts';
import { registerRevokeCbsToken } from './cbs-tokens/revoke-cbs-token.route.tsx';
import { registerShowCbsTokens } from './cbs-tokens/show-cbs-tokens.route.ts';

export function registerCbsTokenRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerShowCbsTokens(app, deps);
  registerCreateCbsToken(app, deps);
  registerRevokeCbsToken(app, deps);
}
