// Refusals shown to people (AppError codes), per language: deliveries, withdrawals, feedback, reports,
// mail and access. Dutch shows the module's own, more specific message; other languages show these
// texts, with parameters from the error's details. `error.<code>.<reason>` is the text for an error
// whose details.reason names that reason (see errorMessage). Administration codes (users, tokens,
// organisations, rounds, periods) are in errors-admin.ts. error-codes.test.ts checks that every code
// thrown in src/ has its text here or there.
import { defineMessages } from '../define.ts';

export default defineMessages({
  nl: {
    'error.auth.csrf':
      'Het formulier is verlopen of niet vanaf ggk verstuurd. Laad de pagina opnieuw en probeer het nog eens.',
    'error.auth.forbidden': 'U heeft geen toegang tot deze handeling.',
    'error.auth.forbidden.choose_organisation': 'Kies eerst namens welke organisatie u aanlevert.',
    'error.auth.forbidden.not_acting_for': 'U kunt niet namens deze organisatie werken.',
    'error.http.bad_request': 'Ongeldig verzoek.',
    'error.http.too_many_requests': 'Te veel verzoeken; probeer het over een minuut opnieuw.',
    'error.http.internal': 'Er ging iets mis aan onze kant.',
    'error.http.not_found': 'Niet gevonden.',
    'error.delivery.unavailable': 'Aanleveren is op dit moment niet mogelijk. Probeer het later opnieuw.',
    'error.delivery.not_multipart': 'Stuur de bestanden als multipart/form-data.',
    'error.delivery.no_round': 'Er is geen aanleverronde ingesteld.',
    'error.delivery.window_closed': 'De aanleverperiode is niet open.',
    'error.delivery.window_closed.not_yet_open':
      'De aanleverperiode is nog niet begonnen. U kunt aanleveren van {opens} tot en met {closes}.',
    'error.delivery.window_closed.closed':
      'De aanleverperiode is gesloten. Aanleveren kon van {opens} tot en met {closes}.',
    'error.delivery.bad_half_year': 'In deze ronde kunt u aanleveren voor {allowed}, niet voor {halfYear}.',
    'error.delivery.organisation_unknown': 'Uw organisatie is niet bekend in ggk.',
    'error.delivery.not_participating': '{organisation} neemt niet deel aan {round}.',
    'error.delivery.other_gemeente':
      'U levert aan namens {organisation} ({own}) en kunt niet aanleveren voor gemeente {gemeentecode}.',
    'error.delivery.gemeente_required': 'Kies de gemeente waarvoor u aanlevert.',
    'error.delivery.not_member':
      'Gemeente {gemeentecode} is geen lid van {organisation}; u kunt alleen voor de leden aanleveren.',
    'error.delivery.no_files': 'Kies ten minste één bestand om aan te leveren.',
    'error.delivery.duplicate_file':
      'Dit bestand is al eerder aangeleverd voor {gemeente}, {halfYear}, op {receivedAt} (ontvangstbewijs {receiptNumber}). Het is niet opnieuw opgeslagen.',
    'error.delivery.duplicate_name': 'Een bestand zit twee keer in deze aanlevering.',
    'error.delivery.too_many_files':
      'Lever ten hoogste {max} bestanden tegelijk aan, of bundel ze in een ZIP.',
    'error.delivery.bad_form': 'Het formulier bevat onverwachte velden.',
    'error.delivery.upload_unknown':
      'Een van de geüploade bestanden is niet (meer) bekend. Kies de bestanden opnieuw.',
    'error.delivery.upload_incomplete': 'Een bestand is nog niet helemaal geüpload.',
    'error.files.too_large': 'Een bestand is groter dan toegestaan.',
    'error.files.too_large.limit_mb': 'Een bestand is groter dan de toegestane {limitMb} MB.',
    'error.withdrawal.unavailable': 'Intrekken is op dit moment niet beschikbaar. Probeer het later opnieuw.',
    'error.withdrawal.organisation_unknown': 'Uw organisatie is niet bekend in ggk.',
    'error.withdrawal.reason_too_long': 'De reden is te lang: gebruik ten hoogste 1000 tekens.',
    'error.withdrawal.refused': 'Intrekken is nu niet mogelijk. Er is niets gewijzigd.',
    'error.withdrawal.refused.collaboration':
      'Een samenwerkingsverband trekt geen aanleveringen in. Intrekken doet de gemeente zelf: een delegerende gemeente via het intrekkingsformulier van CBS.',
    'error.withdrawal.refused.no_round': 'Er is geen aanleverronde ingesteld; er is niets om in te trekken.',
    'error.withdrawal.refused.delegated':
      '{gemeente} levert (deels) aan via {collaborations}. Een delegerende gemeente kan niet in het portaal intrekken: gebruik het intrekkingsformulier van CBS, in dezelfde intrekkingsperiode ({opens} tot en met {closes}). CBS verwerkt het formulier in ggk, met hetzelfde gevolg.',
    'error.withdrawal.refused.window_closed':
      'Intrekken kan alleen in de intrekkingsperiode van {round}: {opens} tot en met {closes}. Er is niets gewijzigd.',
    'error.withdrawal.refused.nothing_delivered':
      '{gemeente} heeft in {round} niets aangeleverd; er is niets om in te trekken.',
    'error.withdrawal.confirmation_mismatch':
      'Typ ter bevestiging de naam van uw gemeente precies zoals hierboven: {name}. Er is niets ingetrokken.',
    'error.withdrawal.reference_required': 'Vul het kenmerk van het formulier in.',
    'error.withdrawal.reference_too_long': 'Het kenmerk is te lang: ten hoogste 100 tekens.',
    'error.withdrawal.gemeente_unknown':
      'Gemeentecode "{gemeentecode}" is geen gemeente in ggk. Gebruik de viercijferige CBS-code, bijvoorbeeld 0363.',
    'error.withdrawal.round_unknown': 'Kies de ronde waarvoor het formulier geldt.',
    'error.withdrawal.date_invalid': 'Vul de datum in waarop CBS het formulier heeft ontvangen.',
    'error.withdrawal.date_future': 'De datum van ontvangst ligt in de toekomst.',
    'error.withdrawal.form_outside_window':
      'Het formulier is ontvangen buiten de intrekkingsperiode van {round} ({opens} tot en met {closes}). Een intrekking kan dan niet meer worden verwerkt; er is niets gewijzigd.',
    'error.withdrawal.nothing_delivered':
      'Er is voor {gemeente} in {round} niets aangeleverd; er is niets om in te trekken.',
    'error.feedback.bad_rating': 'Kies een waardering van 1 tot en met 5.',
    'error.feedback.bad_rating.rating': 'Kies bij “Waardering” een waardering van 1 tot en met 5.',
    'error.feedback.bad_rating.overall': 'Kies bij “Uw totaaloordeel” een waardering van 1 tot en met 5.',
    'error.feedback.bad_rating.aanleveren':
      'Kies bij “Hoe ging het aanleveren van de bestanden?” een waardering van 1 tot en met 5.',
    'error.feedback.bad_rating.technisch_rapport':
      'Kies bij “Hoe duidelijk was het technisch rapport?” een waardering van 1 tot en met 5.',
    'error.feedback.bad_rating.op_orde_rapport':
      'Kies bij “Hoe bruikbaar was het op-orde rapport?” een waardering van 1 tot en met 5.',
    'error.feedback.bad_rating.snelheid':
      'Kies bij “Hoe tevreden bent u over de snelheid van de terugkoppeling?” een waardering van 1 tot en met 5.',
    'error.feedback.too_long': 'Uw toelichting is {length} tekens; er passen er {max}.',
    'error.feedback.not_pilot':
      'Feedback in ggk is voor pilotdeelnemers van de huidige ronde. Kies een organisatie die aan de pilot deelneemt.',
    'error.feedback.evaluation_not_open':
      'De evaluatie kan worden ingevuld zodra de aanleverperiode gesloten is.',
    'error.feedback.duplicate_evaluation': 'U heeft de evaluatie van deze ronde al ingevuld. Dank u wel!',
    'error.report.already_held': 'Deze op-orde rapporten worden al tegengehouden.',
    'error.report.already_held.gemeente': 'De op-orde rapporten van deze gemeente worden al tegengehouden.',
    'error.report.already_held.round': 'De op-orde rapporten van deze ronde worden al tegengehouden.',
    'error.report.hold_unknown': 'Deze blokkade bestaat niet of is al opgeheven.',
    'error.notification.invalid_mail': 'De e-mail kan niet worden verstuurd.',
    'error.notification.invalid_mail.recipient':
      'De e-mail kan niet worden verstuurd: het adres van de ontvanger is ongeldig.',
    'error.notification.invalid_mail.subject':
      'De e-mail kan niet worden verstuurd: het onderwerp moet één regel tekst zijn.',
    'error.notification.invalid_mail.kind':
      'De e-mail kan niet worden verstuurd: het soort bericht is ongeldig.',
    'error.notification.unsafe_content':
      'De e-mail bevat een nummer dat een BSN kan zijn. E-mail van ggk bevat geen gegevens, alleen links.',
  },
  en: {
    'error.auth.csrf': 'The form has expired or was not sent from ggk. Reload the page and try again.',
    'error.auth.forbidden': 'You do not have access to this action.',
    'error.auth.forbidden.choose_organisation': 'First choose the organisation you deliver for.',
    'error.auth.forbidden.not_acting_for': 'You cannot act on behalf of this organisation.',
    'error.http.bad_request': 'Invalid request.',
    'error.http.too_many_requests': 'Too many requests; please try again in a minute.',
    'error.http.internal': 'Something went wrong on our side.',
    'error.http.not_found': 'Not found.',
    'error.delivery.unavailable': 'Delivering is not possible right now. Please try again later.',
    'error.delivery.not_multipart': 'Send the files as multipart/form-data.',
    'error.delivery.no_round': 'No delivery round has been set up.',
    'error.delivery.window_closed': 'The delivery window is not open.',
    'error.delivery.window_closed.not_yet_open':
      'The delivery window has not started yet. You can deliver from {opens} up to and including {closes}.',
    'error.delivery.window_closed.closed':
      'The delivery window has closed. Delivering was possible from {opens} up to and including {closes}.',
    'error.delivery.bad_half_year': 'In this round you can deliver for {allowed}, not for {halfYear}.',
    'error.delivery.organisation_unknown': 'Your organisation is not known in ggk.',
    'error.delivery.not_participating': '{organisation} does not take part in {round}.',
    'error.delivery.other_gemeente':
      'You deliver on behalf of {organisation} ({own}) and cannot deliver for municipality {gemeentecode}.',
    'error.delivery.gemeente_required': 'Choose the municipality you deliver for.',
    'error.delivery.not_member':
      'Municipality {gemeentecode} is not a member of {organisation}; you can only deliver for its members.',
    'error.delivery.no_files': 'Choose at least one file to deliver.',
    'error.delivery.duplicate_file':
      'This file was delivered before for {gemeente}, {halfYear}, on {receivedAt} (receipt {receiptNumber}). It was not stored again.',
    'error.delivery.duplicate_name': 'A file occurs twice in this delivery.',
    'error.delivery.too_many_files': 'Deliver at most {max} files at once, or bundle them in a ZIP.',
    'error.delivery.bad_form': 'The form contains unexpected fields.',
    'error.delivery.upload_unknown':
      'One of the uploaded files is no longer known. Please choose the files again.',
    'error.delivery.upload_incomplete': 'A file has not been uploaded completely yet.',
    'error.files.too_large': 'A file is larger than allowed.',
    'error.files.too_large.limit_mb': 'A file is larger than the allowed {limitMb} MB.',
    'error.withdrawal.unavailable': 'Withdrawing is not available right now. Please try again later.',
    'error.withdrawal.organisation_unknown': 'Your organisation is not known in ggk.',
    'error.withdrawal.reason_too_long': 'The reason is too long: use at most 1000 characters.',
    'error.withdrawal.refused': 'A withdrawal is not possible now. Nothing has been changed.',
    'error.withdrawal.refused.collaboration':
      'A collaboration does not withdraw deliveries. The municipality withdraws itself: a delegating municipality through the CBS withdrawal form.',
    'error.withdrawal.refused.no_round': 'No delivery round has been set up; there is nothing to withdraw.',
    'error.withdrawal.refused.delegated':
      '{gemeente} delivers (partly) through {collaborations}. A delegating municipality cannot withdraw in the portal: use the CBS withdrawal form, within the same withdrawal window ({opens} up to and including {closes}). CBS processes the form in ggk, with the same effect.',
    'error.withdrawal.refused.window_closed':
      'Withdrawing is only possible in the withdrawal window of {round}: {opens} up to and including {closes}. Nothing has been changed.',
    'error.withdrawal.refused.nothing_delivered':
      '{gemeente} delivered nothing in {round}; there is nothing to withdraw.',
    'error.withdrawal.confirmation_mismatch':
      'To confirm, type the name of your municipality exactly as shown above: {name}. Nothing has been withdrawn.',
    'error.withdrawal.reference_required': 'Fill in the reference of the form.',
    'error.withdrawal.reference_too_long': 'The reference is too long: at most 100 characters.',
    'error.withdrawal.gemeente_unknown':
      'Municipality code "{gemeentecode}" is not a municipality in ggk. Use the four-digit CBS code, for example 0363.',
    'error.withdrawal.round_unknown': 'Choose the round the form applies to.',
    'error.withdrawal.date_invalid': 'Fill in the date on which CBS received the form.',
    'error.withdrawal.date_future': 'The date of receipt is in the future.',
    'error.withdrawal.form_outside_window':
      'The form was received outside the withdrawal window of {round} ({opens} up to and including {closes}). A withdrawal can then no longer be processed; nothing has been changed.',
    'error.withdrawal.nothing_delivered':
      'Nothing was delivered for {gemeente} in {round}; there is nothing to withdraw.',
    'error.feedback.bad_rating': 'Choose a rating from 1 to 5.',
    'error.feedback.bad_rating.rating': 'Choose a rating from 1 to 5 for “Your rating”.',
    'error.feedback.bad_rating.overall': 'Choose a rating from 1 to 5 for “Your overall opinion of ggk”.',
    'error.feedback.bad_rating.aanleveren':
      'Choose a rating from 1 to 5 for “How did delivering the files go?”.',
    'error.feedback.bad_rating.technisch_rapport':
      'Choose a rating from 1 to 5 for “How clear was the technical report?”.',
    'error.feedback.bad_rating.op_orde_rapport':
      'Choose a rating from 1 to 5 for “How useful was the content report?”.',
    'error.feedback.bad_rating.snelheid':
      'Choose a rating from 1 to 5 for “How satisfied are you with the speed of the feedback?”.',
    'error.feedback.too_long': 'Your explanation is {length} characters; {max} fit.',
    'error.feedback.not_pilot':
      'Feedback in ggk is for pilot participants of the current round. Choose an organisation that takes part in the pilot.',
    'error.feedback.evaluation_not_open':
      'The evaluation can be filled in once the delivery window has closed.',
    'error.feedback.duplicate_evaluation':
      'You have already filled in the evaluation of this round. Thank you!',
    'error.report.already_held': 'These content reports are already being held back.',
    'error.report.already_held.gemeente':
      'The content reports of this municipality are already being held back.',
    'error.report.already_held.round': 'The content reports of this round are already being held back.',
    'error.report.hold_unknown': 'This hold does not exist or has already been released.',
    'error.notification.invalid_mail': 'The e-mail cannot be sent.',
    'error.notification.invalid_mail.recipient':
      'The e-mail cannot be sent: the recipient address is invalid.',
    'error.notification.invalid_mail.subject':
      'The e-mail cannot be sent: the subject must be one line of text.',
    'error.notification.invalid_mail.kind': 'The e-mail cannot be sent: the kind of message is invalid.',
    'error.notification.unsafe_content':
      'The e-mail contains a number that may be a BSN. E-mail from ggk contains no data, only links.',
  },
});
