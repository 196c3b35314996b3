// "Mijn account", role names and why a login failed (the auth module reads its Dutch texts from here).
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
    'loginFailure.unknown_person':
      'U bent nog niet bekend in ggk. Vraag de gebruikersbeheerder van uw organisatie om een uitnodiging en log de eerste keer in via de link in die uitnodiging.',
    'loginFailure.not_invited':
      'Deze uitnodiging is niet (meer) geldig: ze is verlopen, ingetrokken of al gebruikt. Vraag de gebruikersbeheerder van uw organisatie om een nieuwe uitnodiging.',
    'loginFailure.identity_in_use':
      'Met dit eHerkenningsmiddel is al een ander ggk-account gekoppeld. Log in met uw eigen middel, of neem contact op met de servicedesk.',
    'loginFailure.wrong_organisation':
      'U bent ingelogd namens een andere organisatie dan de organisatie die u heeft uitgenodigd. Kies bij het inloggen de juiste organisatie.',
    'loginFailure.level_too_low':
      'Uw eHerkenningsmiddel heeft een te laag betrouwbaarheidsniveau; voor ggk is minimaal niveau EH3 nodig.',
    'loginFailure.no_role':
      'U heeft geen rol in ggk voor de organisatie waarnamens u bent ingelogd. Vraag de gebruikersbeheerder van uw organisatie om een rol.',
    'loginFailure.not_participating':
      'Uw organisatie neemt niet deel aan de huidige aanleverronde. Neem bij vragen contact op met de servicedesk.',
    'loginFailure.disabled':
      'Uw account is uitgeschakeld. Neem contact op met de gebruikersbeheerder van uw organisatie.',
    'loginFailure.state_mismatch':
      'De inlogpoging kon niet worden gecontroleerd (verlopen of in een ander venster gestart). Probeer opnieuw in te loggen.',
    'loginFailure.nonce_mismatch':
      'De inlogpoging kon niet worden gecontroleerd. Probeer opnieuw in te loggen.',
    'loginFailure.access_denied': 'Het inloggen is afgebroken.',
    'loginFailure.missing_claim':
      'De eHerkenningsdienst gaf niet alle gegevens door die ggk nodig heeft. Probeer het opnieuw of neem contact op met de servicedesk.',
    'loginFailure.provider_error': 'De eHerkenningsdienst gaf een fout. Probeer het later opnieuw.',
    'login.unavailable':
      'Inloggen is op dit moment niet beschikbaar. Probeer het over enkele minuten opnieuw.',
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
    'login.unavailable': 'Logging in is not available at the moment. Please try again in a few minutes.',
  },
});
