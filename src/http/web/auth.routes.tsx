// Login through the eHerkenning broker, the invitation landing page, logout, and switching the
// organisation one acts for. One file per use case in auth/.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerAcceptInvitation } from './auth/accept-invitation.route.tsx';
import { registerCompleteLogin } from './auth/complete-login.route.tsx';
import { registerExtendSession } from './auth/extend-session.route.ts';
import { registerLogOut } from './auth/log-out.route.tsx';
import { registerShowLogin } from './auth/show-login.route.tsx';
import { registerStartLogin } from './auth/start-login.route.ts';
import { registerSwitchOrganisation } from './auth/switch-organisation.route.ts';

export function registerAuthRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerShowLogin(app, deps);
  registerStartLogin(app, deps);
  registerCompleteLogin(app, deps);
  registerLogOut(app, deps);
  registerAcceptInvitation(app, deps);
  registerSwitchOrganisation(app, deps);
  registerExtendSession(app, deps);
}
