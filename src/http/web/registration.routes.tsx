// The public "aanmeldformulier gebruikers": apply to become an organisation's first gebruikersbeheerder.
// One file per use case in registration/.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerSubmitRegistration } from './registration/submit-registration.route.tsx';

export function registerRegistrationRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerSubmitRegistration(app, deps);
}
