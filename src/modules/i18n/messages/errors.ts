// Refusals shown to people (AppError codes), per language. Dutch shows the module's own, more
// specific message; English shows these texts, with parameters from the error's details. A code
// without a text here falls back to the Dutch message.
import { defineMessages } from '../define.ts';

export default defineMessages({
  nl: {
    'error.auth.csrf':
      'Het formulier is verlopen of niet vanaf ggk verstuurd. Laad de pagina opnieuw en probeer het nog eens.',
    'error.auth.forbidden': 'U heeft geen toegang tot deze handeling.',
    'error.delivery.unavailable': 'Aanleveren is op dit moment niet mogelijk. Probeer het later opnieuw.',
    'error.delivery.not_multipart': 'Stuur de bestanden als multipart/form-data.',
    'error.delivery.no_round': 'Er is geen aanleverronde ingesteld.',
    'error.delivery.window_closed': 'De aanleverperiode is niet open.',
    'error.delivery.bad_half_year': 'In deze ronde kunt u niet voor dit halfjaar aanleveren.',
    'error.delivery.organisation_unknown': 'Uw organisatie is niet bekend in ggk.',
    'error.delivery.not_participating': 'Uw organisatie neemt niet deel aan deze ronde.',
    'error.delivery.other_gemeente': 'U kunt niet voor deze gemeente aanleveren.',
    'error.delivery.gemeente_required': 'Kies de gemeente waarvoor u aanlevert.',
    'error.delivery.not_member': 'Deze gemeente is geen lid van uw samenwerkingsverband.',
    'error.delivery.no_files': 'Kies ten minste één bestand om aan te leveren.',
    'error.delivery.duplicate_file':
      'Dit bestand is al eerder aangeleverd (ontvangstbewijs {receiptNumber}). Het is niet opnieuw opgeslagen.',
    'error.delivery.duplicate_name': 'Een bestand zit twee keer in deze aanlevering.',
    'error.delivery.too_many_files': 'Lever minder bestanden tegelijk aan, of bundel ze in een ZIP.',
    'error.delivery.bad_form': 'Het formulier bevat onverwachte velden.',
    'error.delivery.upload_unknown':
      'Een van de geüploade bestanden is niet (meer) bekend. Kies de bestanden opnieuw.',
    'error.delivery.upload_incomplete': 'Een bestand is nog niet helemaal geüpload.',
    'error.files.too_large': 'Een bestand is groter dan toegestaan.',
  },
  en: {
    'error.auth.csrf': 'The form has expired or was not sent from ggk. Reload the page and try again.',
    'error.auth.forbidden': 'You do not have access to this action.',
    'error.delivery.unavailable': 'Delivering is not possible right now. Please try again later.',
    'error.delivery.not_multipart': 'Send the files as multipart/form-data.',
    'error.delivery.no_round': 'No delivery round has been set up.',
    'error.delivery.window_closed': 'The delivery window is not open.',
    'error.delivery.bad_half_year': 'You cannot deliver for this half year in this round.',
    'error.delivery.organisation_unknown': 'Your organisation is not known in ggk.',
    'error.delivery.not_participating': 'Your organisation does not take part in this round.',
    'error.delivery.other_gemeente': 'You cannot deliver for this municipality.',
    'error.delivery.gemeente_required': 'Choose the municipality you deliver for.',
    'error.delivery.not_member': 'This municipality is not a member of your collaboration.',
    'error.delivery.no_files': 'Choose at least one file to deliver.',
    'error.delivery.duplicate_file':
      'This file has been delivered before (receipt {receiptNumber}). It was not stored again.',
    'error.delivery.duplicate_name': 'A file occurs twice in this delivery.',
    'error.delivery.too_many_files': 'Deliver fewer files at once, or bundle them in a ZIP.',
    'error.delivery.bad_form': 'The form contains unexpected fields.',
    'error.delivery.upload_unknown':
      'One of the uploaded files is no longer known. Please choose the files again.',
    'error.delivery.upload_incomplete': 'A file has not been uploaded completely yet.',
    'error.files.too_large': 'A file is larger than allowed.',
  },
});
