// The withdrawals of all gemeenten for the operator and CBS (GET /intrekkingen); a cbs user also gets
// the form for withdrawals that came in on the CBS form (register-form-withdrawal.route.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppDeps } from '../../app.ts';
import type { ZodTypeProvider } from '../../route-schemas.ts';
import { renderWithdrawals } from './withdrawals.view.tsx';

const STAFF = { access: { kind: 'staff', roles: ['operator', 'cbs'] } } as const;

export const showWithdrawalsSchemas = { querystring: z.object({}) };

export function registerShowWithdrawals(app: FastifyInstance, deps: AppDeps): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/intrekkingen', { config: STAFF, schema: showWithdrawalsSchemas }, async (request, reply) =>
      renderWithdrawals(deps, request, reply, 200),
    );
}
