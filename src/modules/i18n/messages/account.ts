// "Mijn account", role names and why a login failed (the Dutch texts are the auth module's own).
import { LOGIN_FAILURE_REASONS as R } from '../../auth/index.ts';
import { defineMessages } from '../define.ts';

export default defineMessages({
  nl: {
    'account.title': 'Mijn account',
    'account.name': 'Naam',
    'account.email': 'E-mailadres',
    'account.emailConfirmed': '(bevestigd)',
    'account.emailUnconfirmed': '(nog niet bevestigd)',
    'account.roles': 'Mijn rollen',
    'account.noRoles': 'U heeft geen rollen.',
    'account.roleAt': '{role} bij {organisation}',
    'account.rolePortal': '{role} (portaal)',
    'account.attempts': 'Mijn laatste inlogpogingen',
    'account.attemptsCaption': 'De tien laatste pogingen om in te loggen met uw eHerkenningsmiddel',
    'account.when': 'Tijdstip',
    'account.result': 'Resultaat',
    'account.success': 'Gelukt',
    'account.failed': 'Mislukt: {reason}',
    'role.gebruikersbeheerder': 'Gebruikersbeheerder',
    'role.aanleveraar': 'Aanleveraar',
    'role.rapportontvanger': 'Rapportontvanger',
    'role.intrekker': 'Intrekker',
    'role.operator': 'Operator',
    'role.cbs': 'CBS',
    'loginFailure.unknown_person': R.unknown_person,
    'loginFailure.not_invited': R.not_invited,
    'loginFailure.identity_in_use': R.identity_in_use,
    'loginFailure.wrong_organisation': R.wrong_organisation,
    'loginFailure.level_too_low': R.level_too_low,
    'loginFailure.no_role': R.no_role,
    'loginFailure.not_participating': R.not_participating,
    'loginFailure.disabled': R.disabled,
    'loginFailure.state_mismatch': R.state_mismatch,
    'loginFailure.nonce_mismatch': R.nonce_mismatch,
    'loginFailure.access_denied': R.access_denied,
    'loginFailure.missing_claim': R.missing_claim,
    'loginFailure.provider_error': R.provider_error,
  },
  en: {
    'account.title': 'My account',
    'account.name': 'Name',
    'account.email': 'E-mail address',
    'account.emailConfirmed': '(confirmed)',
    'account.emailUnconfirmed': '(not confirmed yet)',
    'account.roles': 'My roles',
    'account.noRoles': 'You have no roles.',
    'account.roleAt': '{role} at {organisation}',
    'account.rolePortal': '{role} (portal)',
    'account.attempts': 'My latest login attempts',
    'account.attemptsCaption': 'The last ten attempts to log in with your eHerkenning means',
    'account.when': 'Time',
    'account.result': 'Result',
    'account.success': 'Succeeded',
    'account.failed': 'Failed: {reason}',
    'role.gebruikersbeheerder': 'User administrator (gebruikersbeheerder)',
    'role.aanleveraar': 'Deliverer (aanleveraar)',
    'role.rapportontvanger': 'Report recipient (rapportontvanger)',
    'role.intrekker': 'Withdrawer (intrekker)',
    'role.operator': 'Operator',
    'role.cbs': 'CBS',
    'loginFailure.unknown_person':
      'You are not known in ggk yet. Ask the user administrator of your organisation for an invitation and log in the first time through the link in that invitation.',
    'loginFailure.not_invited':
      'This invitation is not valid (any more): it has expired, was revoked or has been used. Ask the user administrator of your organisation for a new invitation.',
    'loginFailure.identity_in_use':
      'Another ggk account is already linked to this eHerkenning means. Log in with your own means, or contact the service desk.',
    'loginFailure.wrong_organisation':
      'You logged in on behalf of another organisation than the one that invited you. Choose the right organisation when logging in.',
    'loginFailure.level_too_low':
      'Your eHerkenning means has too low a level of assurance; ggk needs at least level EH3.',
    'loginFailure.no_role':
      'You have no role in ggk for the organisation you logged in for. Ask the user administrator of your organisation for a role.',
    'loginFailure.not_participating':
      'Your organisation does not take part in the current delivery round. Contact the service desk with any questions.',
    'loginFailure.disabled':
      'Your account has been disabled. Contact the user administrator of your organisation.',
    'loginFailure.state_mismatch':
      'The login attempt could not be verified (expired or started in another window). Please log in again.',
    'loginFailure.nonce_mismatch': 'The login attempt could not be verified. Please log in again.',
    'loginFailure.access_denied': 'Logging in was cancelled.',
    'loginFailure.missing_claim':
      'The eHerkenning service did not pass on all the data ggk needs. Try again or contact the service desk.',
    'loginFailure.provider_error': 'The eHerkenning service returned an error. Please try again later.',
  },
});
