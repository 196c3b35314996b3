// Why a login failed, in words the user can act on. Recorded with every attempt for the servicedesk.
// The texts live in the message catalogue (messages/account.ts, 'loginFailure.*'); Dutch here.
import { translator } from '../i18n/index.ts';

const REASONS = [
  'unknown_person',
  'not_invited',
  'identity_in_use',
  'wrong_organisation',
  'level_too_low',
  'no_role',
  'not_participating',
  'disabled',
  'state_mismatch',
  'nonce_mismatch',
  'access_denied',
  'missing_claim',
  'provider_error',
] as const;

export type LoginFailureReason = (typeof REASONS)[number];

const t = translator('nl');
export const LOGIN_FAILURE_REASONS = Object.fromEntries(
  REASONS.map((reason) => [reason, t(`loginFailure.${reason}`)]),
) as Record<LoginFailureReason, string>;

export function isLoginFailureReason(value: string): value is LoginFailureReason {
  return Object.hasOwn(LOGIN_FAILURE_REASONS, value);
}
