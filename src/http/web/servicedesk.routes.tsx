// The servicedesk view for the operator: find a user (name, e-mail) or an organisation, and see what
// ggk recorded about them — login attempts and why they failed, downloads and their errors, the
// deliveries of the current round and where each report is, and the mails sent (without link secrets).
// One file per use case under servicedesk/.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerSearchServicedesk } from './servicedesk/search-servicedesk.route.tsx';
import { registerShowServicedeskOrganisation } from './servicedesk/show-servicedesk-organisation.route.tsx';
import { registerShowServicedeskUser } from './servicedesk/show-servicedesk-user.route.tsx';

export function registerServicedeskRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerSearchServicedesk(app, deps);
  registerShowServicedeskUser(app, deps);
  registerShowServicedeskOrganisation(app, deps);
}
