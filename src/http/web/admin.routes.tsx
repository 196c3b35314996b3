// The operator's pages: registration requests to approve or reject, recent login attempts of any
// user or organisation (the servicedesk's "why can't I log in"), the built-in mailbox, and the
// contact details per round shown on every page and mail.
// One file per use case under admin/.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerApproveRegistration } from './admin/approve-registration.route.tsx';
import { registerRejectRegistration } from './admin/reject-registration.route.tsx';
import { registerShowLoginAttempts } from './admin/show-login-attempts.route.tsx';
import { registerShowMailbox } from './admin/show-mailbox.route.tsx';
import { registerShowRegistrations } from './admin/show-registrations.route.tsx';
import { registerShowContacts } from './admin/show-contacts.route.tsx';
import { registerSaveContacts } from './admin/save-contacts.route.tsx';

export function registerAdminRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerShowRegistrations(app, deps);
  registerApproveRegistration(app, deps);
  registerRejectRegistration(app, deps);
  registerShowLoginAttempts(app, deps);
  registerShowMailbox(app, deps);
  registerShowContacts(app, deps);
  registerSaveContacts(app, deps);
}
