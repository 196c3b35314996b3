export {
  describeWithdrawal,
  listWithdrawals,
  registerFormWithdrawal,
  withdrawInPortal,
  withdrawalWindowText,
  type WithdrawalOutcome,
  type WithdrawalOverview,
  type WithdrawalRow,
} from './withdrawal-service.ts';
