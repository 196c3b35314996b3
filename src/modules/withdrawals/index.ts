export {
  describeWithdrawal,
  listWithdrawals,
  registerFormWithdrawal,
  withdrawInPortal,
  type WithdrawalOutcome,
  type WithdrawalOverview,
  type WithdrawalRow,
} from './withdrawal-service.ts';
