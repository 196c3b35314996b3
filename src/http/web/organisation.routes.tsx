// The gebruikersbeheerder's pages for the organisation they act for: users (invite, roles, disable)
// and API tokens (create, shown once; revoke). Every action works on the acting organisation only;
// ids in forms are checked against it by the services. One file per use case in organisation/.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerChangeUserRole } from './organisation/change-user-role.route.ts';
import { registerCreateApiToken } from './organisation/create-api-token.route.ts';
import { registerDisableUser } from './organisation/disable-user.route.ts';
import { registerInviteUser } from './organisation/invite-user.route.ts';
import { registerRevokeApiToken } from './organisation/revoke-api-token.route.ts';
import { registerShowApiTokens } from './organisation/show-api-tokens.route.ts';
import { registerShowUsers } from './organisation/show-users.route.ts';

export function registerOrganisationRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerShowUsers(app, deps);
  registerInviteUser(app, deps);
  registerChangeUserRole(app, deps);
  registerDisableUser(app, deps);
  registerShowApiTokens(app, deps);
  registerCreateApiToken(app, deps);
  registerRevokeApiToken(app, deps);
}
