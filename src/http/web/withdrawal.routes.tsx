// Withdrawal pages: the intrekker's confirmation step and its result (/intrekken), and the overview
// for the operator and CBS, where a cbs user registers a withdrawal that came in on the CBS form
// (/intrekkingen). One file per use case in withdrawal/.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerRegisterFormWithdrawal } from './withdrawal/register-form-withdrawal.route.ts';
import { registerShowWithdrawals } from './withdrawal/show-withdrawals.route.ts';
import { registerWithdrawPart } from './withdrawal/withdraw-part.route.tsx';

export function registerWithdrawalRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerWithdrawPart(app, deps);
  registerShowWithdrawals(app, deps);
  registerRegisterFormWithdrawal(app, deps);
}
