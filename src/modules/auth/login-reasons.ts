// Why a login failed, in words the user can act on. Recorded with every attempt for the servicedesk.
export const LOGIN_FAILURE_REASONS = {
  unknown_person:
    'U bent nog niet bekend in ggk. Vraag de gebruikersbeheerder van uw organisatie om een uitnodiging en log de eerste keer in via de link in die uitnodiging.',
  not_invited:
    'Deze uitnodiging is niet (meer) geldig: ze is verlopen, ingetrokken of al gebruikt. Vraag de gebruikersbeheerder van uw organisatie om een nieuwe uitnodiging.',
  identity_in_use:
    'Met dit eHerkenningsmiddel is al een ander ggk-account gekoppeld. Log in met uw eigen middel, of neem contact op met de servicedesk.',
  wrong_organisation:
    'U bent ingelogd namens een andere organisatie dan de organisatie die u heeft uitgenodigd. Kies bij het inloggen de juiste organisatie.',
  level_too_low:
    'Uw eHerkenningsmiddel heeft een te laag betrouwbaarheidsniveau; voor ggk is minimaal niveau EH3 nodig.',
  no_role:
    'U heeft geen rol in ggk voor de organisatie waarnamens u bent ingelogd. Vraag de gebruikersbeheerder van uw organisatie om een rol.',
  not_participating:
    'Uw organisatie neemt niet deel aan de huidige aanleverronde. Neem bij vragen contact op met de servicedesk.',
  disabled: 'Uw account is uitgeschakeld. Neem contact op met de gebruikersbeheerder van uw organisatie.',
  state_mismatch:
    'De inlogpoging kon niet worden gecontroleerd (verlopen of in een ander venster gestart). Probeer opnieuw in te loggen.',
  nonce_mismatch: 'De inlogpoging kon niet worden gecontroleerd. Probeer opnieuw in te loggen.',
  access_denied: 'Het inloggen is afgebroken.',
  missing_claim:
    'De eHerkenningsdienst gaf niet alle gegevens door die ggk nodig heeft. Probeer het opnieuw of neem contact op met de servicedesk.',
  provider_error: 'De eHerkenningsdienst gaf een fout. Probeer het later opnieuw.',
} as const;

export type LoginFailureReason = keyof typeof LOGIN_FAILURE_REASONS;

export function isLoginFailureReason(value: string): value is LoginFailureReason {
  return Object.hasOwn(LOGIN_FAILURE_REASONS, value);
}
