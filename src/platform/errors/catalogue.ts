// The one catalogue of refusals: every error code ggk can answer with, declared once with its HTTP
// status and its texts in Dutch and English. A text's {placeholders} are the code's typed
// parameters; `reasons` are more specific texts for the same code, chosen by the parameter `reason`.
// Throw sites name a code and its parameters only (`new AppError('user.not_found')`), so an unknown
// code or a missing parameter fails `tsc`; http/problem.ts and the error handler take the status from
// here, and modules/i18n's errorMessage the text in the visitor's language. catalogue.test.ts checks
// that both languages use the same placeholders.

export interface ErrorText {
  readonly nl: string;
  readonly en: string;
}

export interface ErrorEntry extends ErrorText {
  /** The HTTP status of this refusal, for the API's problem+json and for pages. */
  readonly status: number;
  /** More specific texts, chosen by the parameter `reason`. */
  readonly reasons?: Readonly<Record<string, ErrorText>>;
}

export const ERRORS = {
  'auth.csrf': {
    status: 403,
    nl: 'Het formulier is verlopen of niet vanaf ggk verstuurd. Laad de pagina opnieuw en probeer het nog eens.',
    en: 'The form has expired or was not sent from ggk. Reload the page and try again.',
  },
  'auth.forbidden': {
    status: 403,
    nl: 'U heeft geen toegang tot deze pagina of handeling.',
    en: 'You do not have access to this page or action.',
    reasons: {
      certificate_required: {
        nl: 'Het kanaal van CBS vraagt om een bekend clientcertificaat; dit verzoek had er geen of een ander.',
        en: "CBS's channel requires a known client certificate; this request had none or another one.",
      },
      choose_organisation: {
        nl: 'Kies eerst namens welke organisatie u aanlevert.',
        en: 'First choose the organisation you deliver for.',
      },
      not_acting_for: {
        nl: 'U kunt niet namens deze organisatie werken.',
        en: 'You cannot act on behalf of this organisation.',
      },
    },
  },
  'auth.unauthenticated': {
    status: 401,
    nl: 'U moet ingelogd zijn.',
    en: 'You need to be logged in.',
  },
  'cbs.bad_cursor': {
    status: 400,
    nl: 'Deze cursor is onbekend of ongeldig. Gebruik de cursor uit het veld next van een eerder antwoord, of laat after weg.',
    en: 'This cursor is unknown or invalid. Use the cursor from the field next of an earlier answer, or leave out after.',
  },
  'cbs.bad_form': {
    status: 400,
    nl: 'Het formulier bevat onverwachte velden.',
    en: 'The form contains unexpected fields.',
  },
  'cbs.checksum_mismatch': {
    status: 409,
    nl: 'De bevestiging klopt niet: {count} bestand(en) ontbreken of hebben een andere SHA-256. Er is niets vastgelegd.',
    en: 'The acknowledgement is not right: {count} file(s) are missing or have another SHA-256. Nothing was recorded.',
  },
  'cbs.delivery_gone': {
    status: 410,
    nl: 'Deze aanlevering is ingetrokken; haar bestanden bestaan niet meer.',
    en: 'This delivery was withdrawn; its files no longer exist.',
  },
  'cbs.delivery_not_found': {
    status: 404,
    nl: 'Deze aanlevering bestaat niet of is niet aan CBS aangeboden.',
    en: 'This delivery does not exist or was not offered to CBS.',
  },
  'cbs.erased_at_invalid': {
    status: 400,
    nl: 'erasedAt moet een tijdstip zijn dat niet in de toekomst ligt.',
    en: 'erasedAt must be an instant that is not in the future.',
  },
  'cbs.file_gone': {
    status: 410,
    nl: 'Dit bestand is ingetrokken of na de bewaartermijn verwijderd; het bestaat niet meer.',
    en: 'This file was withdrawn or deleted after the retention period; it no longer exists.',
  },
  'cbs.file_not_found': {
    status: 404,
    nl: 'Dit bestand bestaat niet of is niet aan CBS aangeboden.',
    en: 'This file does not exist or was not offered to CBS.',
  },
  'cbs.not_pdf': {
    status: 415,
    nl: 'Het op-orde rapport van CBS moet een PDF-bestand zijn (application/pdf).',
    en: "CBS's op-orde report must be a PDF file (application/pdf).",
  },
  'cbs.range_not_satisfiable': {
    status: 416,
    nl: 'Het gevraagde deel (Range) valt buiten het bestand.',
    en: 'The requested part (Range) lies outside the file.',
  },
  'cbs.report_missing': {
    status: 400,
    nl: 'Kies een PDF-bestand.',
    en: 'Choose a PDF file.',
  },
  'cbs.round_not_found': {
    status: 404,
    nl: 'Deze ronde bestaat niet.',
    en: 'This round does not exist.',
  },
  'cbs.verdict_files': {
    status: 400,
    nl: 'Het oordeel noemt een bestand dat niet bij deze aanlevering hoort, of een bestand twee keer. Er is niets vastgelegd.',
    en: 'The verdict names a file that is not part of this delivery, or a file twice. Nothing was recorded.',
  },
  'cbs.withdrawal_not_found': {
    status: 404,
    nl: 'Deze intrekking bestaat niet of staat niet in de feed van CBS.',
    en: "This withdrawal does not exist or is not in CBS's feed.",
  },
  'classification.bad_date': {
    status: 400,
    nl: 'Ongeldige datum "{value}"; verwacht JJJJ-MM-DD.',
    en: 'Invalid date "{value}"; expected YYYY-MM-DD.',
  },
  'classification.year_unavailable': {
    status: 400,
    nl: 'Er is geen gemeentelijke indeling voor {year} beschikbaar (wel voor {available}).',
    en: 'No municipal classification is available for {year} (there is one for {available}).',
  },
  'delivery.bad_form': {
    status: 400,
    nl: 'Het formulier bevat onverwachte velden.',
    en: 'The form contains unexpected fields.',
  },
  'delivery.bad_half_year': {
    status: 400,
    nl: 'In deze ronde kunt u aanleveren voor {allowed}, niet voor {halfYear}.',
    en: 'In this round you can deliver for {allowed}, not for {halfYear}.',
  },
  'delivery.delegated_domain': {
    status: 422,
    nl: '“{name}” is een {type}-bestand. {gemeente} levert het domein {domain} over {halfYear} aan via het samenwerkingsverband {collaboration}: dat levert dit bestand voor {gemeente} aan, niet de gemeente zelf. Er is niets opgeslagen.',
    en: '“{name}” is a {type} file. For {halfYear}, {gemeente} delivers the {domain} domain through the collaboration {collaboration}: it delivers this file for {gemeente}, not the municipality itself. Nothing was stored.',
  },
  'delivery.duplicate_file': {
    status: 409,
    nl: 'Dit bestand is al eerder aangeleverd voor {gemeente}, {halfYear}, op {receivedAt} (ontvangstbewijs {receiptNumber}). Het is niet opnieuw opgeslagen.',
    en: 'This file was delivered before for {gemeente}, {halfYear}, on {receivedAt} (receipt {receiptNumber}). It was not stored again.',
    reasons: {
      in_force: {
        nl: '“{name}” is al goedgekeurd en van kracht voor {gemeente}, {halfYear} (aangeleverd op {receivedAt}, ontvangstbewijs {receiptNumber}). Het is niet opnieuw opgeslagen.',
        en: '“{name}” is already approved and in force for {gemeente}, {halfYear} (delivered on {receivedAt}, receipt {receiptNumber}). It was not stored again.',
      },
      checking: {
        nl: '“{name}” is al aangeleverd voor {gemeente}, {halfYear}, en wordt nog gecontroleerd (aangeleverd op {receivedAt}, ontvangstbewijs {receiptNumber}). Het is niet opnieuw opgeslagen.',
        en: '“{name}” was already delivered for {gemeente}, {halfYear}, and is still being checked (delivered on {receivedAt}, receipt {receiptNumber}). It was not stored again.',
      },
      in_progress: {
        nl: '“{name}” wordt op dit moment al aangeleverd voor {gemeente}, {halfYear}. Het is niet opnieuw opgeslagen.',
        en: '“{name}” is being delivered for {gemeente}, {halfYear} at this moment. It was not stored again.',
      },
    },
  },
  'delivery.duplicate_name': {
    status: 409,
    nl: 'Het bestand “{name}” zit twee keer in deze aanlevering.',
    en: 'The file “{name}” occurs twice in this delivery.',
  },
  'delivery.erased': {
    status: 410,
    nl: 'De bestanden en rapporten van deze aanlevering zijn verwijderd.',
    en: 'The files and reports of this delivery have been deleted.',
    reasons: {
      withdrawn: {
        nl: 'Deze aanlevering is ingetrokken: de bestanden en rapporten zijn definitief verwijderd.',
        en: 'This delivery has been withdrawn: its files and reports have been deleted for good.',
      },
      retention_expired: {
        nl: 'De bewaartermijn van deze aanlevering is verstreken: de bestanden en rapporten zijn verwijderd.',
        en: 'The retention period of this delivery has passed: its files and reports have been deleted.',
      },
    },
  },
  'delivery.gemeente_required': {
    status: 400,
    nl: 'Kies de gemeente waarvoor u aanlevert.',
    en: 'Choose the municipality you deliver for.',
  },
  'delivery.idempotency_key_invalid': {
    status: 400,
    nl: 'De Idempotency-Key moet 1 tot 255 zichtbare ASCII-tekens zijn, bijvoorbeeld een UUID.',
    en: 'The Idempotency-Key must be 1 to 255 visible ASCII characters, for example a UUID.',
  },
  'delivery.idempotency_key_reused': {
    status: 422,
    nl: 'Deze Idempotency-Key is al gebruikt voor een andere aanlevering (andere bestanden, gemeente of halfjaar). Gebruik voor elke nieuwe aanlevering een nieuwe sleutel; er is niets opgeslagen.',
    en: 'This Idempotency-Key was already used for another delivery (other files, municipality or half year). Use a new key for every new delivery; nothing was stored.',
  },
  'delivery.malformed_upload': {
    status: 400,
    nl: 'De upload is onvolledig of niet goed opgebouwd (multipart/form-data). Probeer het opnieuw.',
    en: 'The upload is incomplete or not well-formed (multipart/form-data). Please try again.',
  },
  'delivery.no_files': {
    status: 400,
    nl: 'Kies ten minste één bestand om aan te leveren.',
    en: 'Choose at least one file to deliver.',
  },
  'delivery.no_round': {
    status: 400,
    nl: 'Er is geen aanleverronde ingesteld.',
    en: 'No delivery round has been set up.',
  },
  'delivery.not_found': {
    status: 404,
    nl: 'Deze aanlevering bestaat niet of is niet van uw organisatie.',
    en: 'This delivery does not exist or does not belong to your organisation.',
  },
  'delivery.not_member': {
    status: 400,
    nl: 'Gemeente {gemeentecode} is geen lid van {organisation}; u kunt alleen voor de leden aanleveren.',
    en: 'Municipality {gemeentecode} is not a member of {organisation}; you can only deliver for its members.',
  },
  'delivery.not_multipart': {
    status: 400,
    nl: 'Stuur de bestanden als multipart/form-data.',
    en: 'Send the files as multipart/form-data.',
  },
  'delivery.not_participating': {
    status: 400,
    nl: '{organisation} neemt niet deel aan {round}.',
    en: '{organisation} does not take part in {round}.',
  },
  'delivery.organisation_unknown': {
    status: 400,
    nl: 'Uw organisatie is niet bekend in ggk.',
    en: 'Your organisation is not known in ggk.',
  },
  'delivery.other_gemeente': {
    status: 400,
    nl: 'U levert aan namens {organisation} ({own}) en kunt niet aanleveren voor gemeente {gemeentecode}.',
    en: 'You deliver on behalf of {organisation} ({own}) and cannot deliver for municipality {gemeentecode}.',
  },
  'delivery.outside_domain': {
    status: 422,
    nl: '“{name}” is een {type}-bestand. {organisation} levert voor {gemeente} over {halfYear} alleen bestanden van het domein {domains} aan: {allowed}. Een bestand van een ander domein levert de gemeente zelf aan. Er is niets opgeslagen.',
    en: '“{name}” is a {type} file. For {gemeente}, {halfYear}, {organisation} delivers only files of the domain {domains}: {allowed}. A file of another domain is delivered by the municipality itself. Nothing was stored.',
    reasons: {
      no_domain: {
        nl: '“{name}” is een {type}-bestand. {organisation} levert voor {gemeente} over {halfYear} geen bestanden aan. Een bestand van een ander domein levert de gemeente zelf aan. Er is niets opgeslagen.',
        en: '“{name}” is a {type} file. For {gemeente}, {halfYear}, {organisation} delivers no files. A file of another domain is delivered by the municipality itself. Nothing was stored.',
      },
    },
  },
  'delivery.report_pending': {
    status: 409,
    nl: 'De technische controle van deze aanlevering is nog niet klaar. Probeer het over enkele seconden opnieuw.',
    en: 'The technical check of this delivery has not finished yet. Please try again in a few seconds.',
  },
  'delivery.resumable_bad_url': {
    status: 400,
    nl: 'Dit adres hoort niet bij een hervatbare upload: alleen /aanleveren/hervatbaar/<upload> zonder toevoegingen.',
    en: 'This address is not one of a resumable upload: only /aanleveren/hervatbaar/<upload> with nothing added.',
  },
  'delivery.too_many_files': {
    status: 400,
    nl: 'Lever ten hoogste {max} bestanden tegelijk aan, of bundel ze in een ZIP.',
    en: 'Deliver at most {max} files at once, or bundle them in a ZIP.',
  },
  'delivery.unavailable': {
    status: 400,
    nl: 'Aanleveren is op dit moment niet mogelijk. Probeer het later opnieuw.',
    en: 'Delivering is not possible right now. Please try again later.',
  },
  'delivery.upload_incomplete': {
    status: 400,
    nl: 'Een bestand is nog niet helemaal geüpload. Wacht tot de upload klaar is, of kies het bestand opnieuw.',
    en: 'A file has not been uploaded completely yet. Wait until the upload has finished, or choose the file again.',
  },
  'delivery.upload_unknown': {
    status: 400,
    nl: 'Een van de geüploade bestanden is niet (meer) bekend. Kies de bestanden opnieuw.',
    en: 'One of the uploaded files is no longer known. Please choose the files again.',
  },
  'delivery.window_closed': {
    status: 409,
    nl: 'De aanleverperiode is niet open.',
    en: 'The delivery window is not open.',
    reasons: {
      not_yet_open: {
        nl: 'De aanleverperiode is nog niet begonnen. U kunt aanleveren van {opens} tot en met {closes}.',
        en: 'The delivery window has not started yet. You can deliver from {opens} up to and including {closes}.',
      },
      closed: {
        nl: 'De aanleverperiode is gesloten. Aanleveren kon van {opens} tot en met {closes}.',
        en: 'The delivery window has closed. Delivering was possible from {opens} up to and including {closes}.',
      },
    },
  },
  'feedback.bad_rating': {
    status: 400,
    nl: 'Kies een waardering van 1 tot en met 5.',
    en: 'Choose a rating from 1 to 5.',
    reasons: {
      rating: {
        nl: 'Kies bij “Waardering” een waardering van 1 tot en met 5.',
        en: 'Choose a rating from 1 to 5 for “Your rating”.',
      },
      overall: {
        nl: 'Kies bij “Uw totaaloordeel” een waardering van 1 tot en met 5.',
        en: 'Choose a rating from 1 to 5 for “Your overall opinion of ggk”.',
      },
      aanleveren: {
        nl: 'Kies bij “Hoe ging het aanleveren van de bestanden?” een waardering van 1 tot en met 5.',
        en: 'Choose a rating from 1 to 5 for “How did delivering the files go?”.',
      },
      technisch_rapport: {
        nl: 'Kies bij “Hoe duidelijk was het technisch rapport?” een waardering van 1 tot en met 5.',
        en: 'Choose a rating from 1 to 5 for “How clear was the technical report?”.',
      },
      op_orde_rapport: {
        nl: 'Kies bij “Hoe bruikbaar was het op-orde rapport?” een waardering van 1 tot en met 5.',
        en: 'Choose a rating from 1 to 5 for “How useful was the content report?”.',
      },
      snelheid: {
        nl: 'Kies bij “Hoe tevreden bent u over de snelheid van de terugkoppeling?” een waardering van 1 tot en met 5.',
        en: 'Choose a rating from 1 to 5 for “How satisfied are you with the speed of the feedback?”.',
      },
    },
  },
  'feedback.duplicate_evaluation': {
    status: 409,
    nl: 'U heeft de evaluatie van deze ronde al ingevuld. Dank u wel!',
    en: 'You have already filled in the evaluation of this round. Thank you!',
  },
  'feedback.evaluation_not_open': {
    status: 400,
    nl: 'De evaluatie kan worden ingevuld zodra de aanleverperiode gesloten is.',
    en: 'The evaluation can be filled in once the delivery window has closed.',
  },
  'feedback.not_pilot': {
    status: 400,
    nl: 'Feedback in ggk is voor pilotdeelnemers van de huidige ronde. Kies een organisatie die aan de pilot deelneemt.',
    en: 'Feedback in ggk is for pilot participants of the current round. Choose an organisation that takes part in the pilot.',
  },
  'feedback.too_long': {
    status: 400,
    nl: 'Uw toelichting is {length} tekens; er passen er {max}.',
    en: 'Your explanation is {length} characters; {max} fit.',
  },
  'files.too_large': {
    status: 413,
    nl: 'Het bestand is groter dan de toegestane {size}.',
    en: 'The file is larger than the allowed {size}.',
  },
  'http.bad_request': {
    status: 400,
    nl: 'Ongeldig verzoek.',
    en: 'Invalid request.',
  },
  'http.internal': {
    status: 500,
    nl: 'Er ging iets mis aan onze kant.',
    en: 'Something went wrong on our side.',
  },
  'http.not_found': {
    status: 404,
    nl: 'Niet gevonden.',
    en: 'Not found.',
  },
  'http.too_many_requests': {
    status: 429,
    nl: 'Te veel verzoeken; probeer het over een minuut opnieuw.',
    en: 'Too many requests; please try again in a minute.',
  },
  'http.unavailable': {
    status: 503,
    nl: 'ggk kan op dit moment niets opslaan. Er is niets ontvangen; probeer het over een halve minuut opnieuw.',
    en: 'ggk cannot store anything at the moment. Nothing was received; please try again in half a minute.',
  },
  'notification.invalid_mail': {
    status: 400,
    nl: 'De e-mail kan niet worden verstuurd.',
    en: 'The e-mail cannot be sent.',
    reasons: {
      recipient: {
        nl: 'De e-mail kan niet worden verstuurd: het adres van de ontvanger is ongeldig.',
        en: 'The e-mail cannot be sent: the recipient address is invalid.',
      },
      subject: {
        nl: 'De e-mail kan niet worden verstuurd: het onderwerp moet één regel tekst zijn.',
        en: 'The e-mail cannot be sent: the subject must be one line of text.',
      },
      kind: {
        nl: 'De e-mail kan niet worden verstuurd: het soort bericht is ongeldig.',
        en: 'The e-mail cannot be sent: the kind of message is invalid.',
      },
    },
  },
  'notification.unsafe_content': {
    status: 400,
    nl: 'De e-mail bevat een nummer dat een BSN kan zijn. E-mail van ggk bevat geen gegevens, alleen links.',
    en: 'The e-mail contains a number that may be a BSN. E-mail from ggk contains no data, only links.',
  },
  'organisation.bad_date': {
    status: 400,
    nl: '"{value}" is geen geldige datum (JJJJ-MM-DD).',
    en: '"{value}" is not a valid date (YYYY-MM-DD).',
    reasons: {
      valid_from: {
        nl: 'Begindatum "{value}" is geen geldige datum (JJJJ-MM-DD).',
        en: 'Start date "{value}" is not a valid date (YYYY-MM-DD).',
      },
      valid_to: {
        nl: 'Einddatum "{value}" is geen geldige datum (JJJJ-MM-DD).',
        en: 'End date "{value}" is not a valid date (YYYY-MM-DD).',
      },
      reference_date: {
        nl: 'Peildatum "{value}" is geen geldige datum (JJJJ-MM-DD).',
        en: 'Reference date "{value}" is not a valid date (YYYY-MM-DD).',
      },
    },
  },
  'organisation.bad_domain': {
    status: 400,
    nl: 'Onbekend domein "{domain}"; kies jeugd, wmo of beschermd-wonen.',
    en: 'Unknown domain "{domain}"; choose jeugd, wmo or beschermd-wonen.',
  },
  'organisation.duplicate': {
    status: 409,
    nl: 'Deze organisatie bestaat al in ggk.',
    en: 'This organisation already exists in ggk.',
    reasons: {
      gemeente: {
        nl: 'Gemeente {gemeentecode} {name} bestaat al in ggk.',
        en: 'Municipality {gemeentecode} {name} already exists in ggk.',
      },
      collaboration: {
        nl: 'Er bestaat al een samenwerkingsverband met de naam "{name}".',
        en: 'A collaboration named "{name}" already exists.',
      },
    },
  },
  'organisation.member_overlap': {
    status: 400,
    nl: '{gemeente} is in deze periode al lid van {collaboration} voor {domain}.',
    en: '{gemeente} is already a member of {collaboration} for {domain} in this period.',
  },
  'organisation.member_period_order': {
    status: 400,
    nl: 'De einddatum van het lidmaatschap ligt voor de begindatum.',
    en: 'The end date of the membership is before its start date.',
  },
  'organisation.name_required': {
    status: 400,
    nl: 'Geef het samenwerkingsverband een naam.',
    en: 'Give the collaboration a name.',
  },
  'organisation.not_a_collaboration': {
    status: 400,
    nl: 'Leden kunnen alleen aan een samenwerkingsverband worden toegevoegd.',
    en: 'Members can only be added to a collaboration.',
  },
  'organisation.not_a_gemeente': {
    status: 400,
    nl: '{name} is geen gemeente; kies een gemeente.',
    en: '{name} is not a municipality; choose a municipality.',
  },
  'organisation.not_found': {
    status: 404,
    nl: 'Deze organisatie bestaat niet.',
    en: 'This organisation does not exist.',
  },
  'organisation.unknown_gemeente': {
    status: 400,
    nl: 'Gemeentecode {gemeentecode} bestaat niet in de gemeentelijke indeling van {year}.',
    en: 'Municipality code {gemeentecode} does not exist in the municipal classification of {year}.',
  },
  'period.bad_date': {
    status: 400,
    nl: 'Ongeldige datum "{input}".',
    en: 'Invalid date "{input}".',
    reasons: {
      format: {
        nl: 'Ongeldige datum "{input}": verwacht een datum in de vorm JJJJ-MM-DD, bijvoorbeeld 2018-02-28.',
        en: 'Invalid date "{input}": expected a date in the form YYYY-MM-DD, for example 2018-02-28.',
      },
      year_range: {
        nl: 'Ongeldige datum "{input}": alleen jaren van {min} tot en met {max} worden ondersteund.',
        en: 'Invalid date "{input}": only the years {min} to {max} are supported.',
      },
      no_such_day: {
        nl: 'Ongeldige datum "{input}": deze datum bestaat niet.',
        en: 'Invalid date "{input}": this date does not exist.',
      },
    },
  },
  'period.bad_half_year': {
    status: 400,
    nl: 'Ongeldig halfjaar "{input}": verwacht de vorm JJJJH1 of JJJJH2, bijvoorbeeld 2017H2.',
    en: 'Invalid half year "{input}": expected the form YYYYH1 or YYYYH2, for example 2017H2.',
  },
  'period.bad_year': {
    status: 400,
    nl: 'Ongeldig jaar {year}: verwacht een heel jaartal van {min} tot en met {max}.',
    en: 'Invalid year {year}: expected a whole year from {min} to {max}.',
  },
  'period.out_of_range': {
    status: 400,
    nl: '{n} werkdagen vanaf {date} valt buiten de ondersteunde jaren {min} tot en met {max}.',
    en: '{n} working days from {date} falls outside the supported years {min} to {max}.',
  },
  'registration.already_decided': {
    status: 400,
    nl: 'Over deze aanmelding is al besloten.',
    en: 'This registration has already been decided on.',
  },
  'registration.duplicate': {
    status: 409,
    nl: 'U heeft zich al aangemeld voor deze organisatie; de aanmelding wordt beoordeeld.',
    en: 'You have already registered for this organisation; the registration is being reviewed.',
  },
  'registration.has_administrator': {
    status: 400,
    nl: '{organisation} heeft al een gebruikersbeheerder in ggk. Vraag die om u uit te nodigen.',
    en: '{organisation} already has a user administrator in ggk. Ask them to invite you.',
  },
  'registration.name_required': {
    status: 400,
    nl: 'Vul uw naam in.',
    en: 'Fill in your name.',
  },
  'registration.not_found': {
    status: 404,
    nl: 'Deze aanmelding bestaat niet.',
    en: 'This registration does not exist.',
  },
  'registration.organisation_required': {
    status: 400,
    nl: 'Kies de organisatie waarvoor u zich aanmeldt.',
    en: 'Choose the organisation you are registering for.',
  },
  'registration.reason_required': {
    status: 400,
    nl: 'Geef de aanvrager een reden voor de afwijzing.',
    en: 'Give the applicant a reason for the rejection.',
  },
  'regular_route.already_marked': {
    status: 400,
    nl: '{name} is voor {round} al vastgelegd als geleverd via de reguliere route. Maak dat eerst ongedaan om het te wijzigen.',
    en: '{name} has already been recorded as delivered via the regular route for {round}. Undo that first to change it.',
  },
  'regular_route.date_future': {
    status: 400,
    nl: 'De datum van levering aan CBS ligt in de toekomst.',
    en: 'The date of delivery to CBS lies in the future.',
  },
  'regular_route.date_invalid': {
    status: 400,
    nl: 'Vul de datum in waarop de deelnemer aan CBS heeft geleverd (jjjj-mm-dd).',
    en: 'Fill in the date on which the participant delivered to CBS (yyyy-mm-dd).',
  },
  'regular_route.not_marked': {
    status: 400,
    nl: '{name} is voor {round} niet vastgelegd als geleverd via de reguliere route; er is niets gewijzigd.',
    en: '{name} has not been recorded as delivered via the regular route for {round}; nothing was changed.',
  },
  'regular_route.note_too_long': {
    status: 400,
    nl: 'De toelichting is te lang: gebruik ten hoogste {max} tekens.',
    en: 'The note is too long: use at most {max} characters.',
  },
  'regular_route.participant_unknown': {
    status: 400,
    nl: 'Kies een deelnemer van {round}.',
    en: 'Choose a participant of {round}.',
  },
  'report.already_held': {
    status: 400,
    nl: 'Deze op-orde rapporten worden al tegengehouden.',
    en: 'These content reports are already being held back.',
    reasons: {
      gemeente: {
        nl: 'De op-orde rapporten van deze gemeente worden al tegengehouden.',
        en: 'The content reports of this municipality are already being held back.',
      },
      round: {
        nl: 'De op-orde rapporten van deze ronde worden al tegengehouden.',
        en: 'The content reports of this round are already being held back.',
      },
    },
  },
  'report.hold_unknown': {
    status: 400,
    nl: 'Deze blokkade bestaat niet of is al opgeheven.',
    en: 'This hold does not exist or has already been released.',
  },
  'round.bad_half_year': {
    status: 400,
    nl: '"{halfYear}" is geen halfjaar; schrijf bijvoorbeeld 2017H2.',
    en: '"{halfYear}" is not a half year; write for example 2017H2.',
  },
  'round.bad_previous_half_year': {
    status: 400,
    nl: 'Naast {halfYear} kan alleen het halfjaar ervoor ({expected}) worden (her)geleverd, niet {given}.',
    en: 'Besides {halfYear}, only the half year before it ({expected}) can be (re)delivered, not {given}.',
  },
  'round.cbs_form_bad_date': {
    status: 400,
    nl: 'De dagen van het intrekkingsformulier van CBS zijn geen geldige datums (JJJJ-MM-DD).',
    en: 'The days of the CBS withdrawal form are not valid dates (YYYY-MM-DD).',
  },
  'round.cbs_form_bad_email': {
    status: 400,
    nl: 'Het e-mailadres voor het intrekkingsformulier van CBS is geen geldig e-mailadres.',
    en: 'The e-mail address for the CBS withdrawal form is not a valid e-mail address.',
  },
  'round.cbs_form_bad_url': {
    status: 400,
    nl: 'Het adres van het intrekkingsformulier van CBS moet een https-adres zijn.',
    en: 'The address of the CBS withdrawal form must be an https address.',
  },
  'round.cbs_form_window_incomplete': {
    status: 400,
    nl: 'Geef voor het intrekkingsformulier van CBS zowel de eerste als de laatste dag op.',
    en: 'Give both the first and the last day for the CBS withdrawal form.',
  },
  'round.cbs_form_window_order': {
    status: 400,
    nl: 'De laatste dag voor het intrekkingsformulier van CBS ligt voor de eerste.',
    en: 'The last day for the CBS withdrawal form is before the first.',
  },
  'round.contacts_bad_phone': {
    status: 400,
    nl: 'Dit telefoonnummer is geen geldig telefoonnummer: alleen cijfers, spaties, haakjes, streepjes en een + vooraan, bijvoorbeeld 030 123 45 67.',
    en: 'This phone number is not a valid phone number: only digits, spaces, brackets, hyphens and a leading +, for example 030 123 45 67.',
    reasons: {
      servicedesk: {
        nl: 'Het telefoonnummer van de servicedesk is geen geldig telefoonnummer: alleen cijfers, spaties, haakjes, streepjes en een + vooraan, bijvoorbeeld 030 123 45 67.',
        en: 'The phone number of the service desk is not a valid phone number: only digits, spaces, brackets, hyphens and a leading +, for example 030 123 45 67.',
      },
      cbs: {
        nl: 'Het telefoonnummer van CBS is geen geldig telefoonnummer: alleen cijfers, spaties, haakjes, streepjes en een + vooraan, bijvoorbeeld 088 570 70 70. Laat het leeg als er geen is.',
        en: 'The phone number of CBS is not a valid phone number: only digits, spaces, brackets, hyphens and a leading +, for example 088 570 70 70. Leave it empty if there is none.',
      },
    },
  },
  'round.contacts_bad_email': {
    status: 400,
    nl: 'Dit is geen geldig e-mailadres.',
    en: 'This is not a valid e-mail address.',
    reasons: {
      servicedesk: {
        nl: 'Het e-mailadres van de servicedesk is geen geldig e-mailadres, zoals servicedesk@voorbeeld.nl.',
        en: 'The e-mail address of the service desk is not a valid e-mail address, such as servicedesk@example.nl.',
      },
      cbs: {
        nl: 'Het e-mailadres van CBS is geen geldig e-mailadres. Laat het leeg als er geen is.',
        en: 'The e-mail address of CBS is not a valid e-mail address. Leave it empty if there is none.',
      },
    },
  },
  'round.contacts_hours_required': {
    status: 400,
    nl: 'Vul de openingstijden van de servicedesk in, in het Nederlands en in het Engels (hoogstens 200 tekens).',
    en: 'Fill in the opening hours of the service desk, in Dutch and in English (at most 200 characters).',
  },
  'round.contacts_bsn_like': {
    status: 400,
    nl: 'Dit telefoonnummer lijkt op een burgerservicenummer en kan daarom niet in e-mails; schrijf het met spaties, bijvoorbeeld 030 123 45 67.',
    en: 'This phone number looks like a citizen service number (BSN) and so cannot go into e-mails; write it with spaces, for example 030 123 45 67.',
  },
  'round.duplicate': {
    status: 409,
    nl: 'Er bestaat al een ronde voor {halfYear}.',
    en: 'A round for {halfYear} already exists.',
  },
  'round.gemeente_not_in_classification': {
    status: 400,
    nl: '{name} ({gemeentecode}) is op {day} geen gemeente volgens de CBS-indeling en kan niet deelnemen.',
    en: '{name} ({gemeentecode}) is not a municipality in the CBS classification on {day} and cannot take part.',
  },
  'round.name_required': {
    status: 400,
    nl: 'Geef de ronde een naam.',
    en: 'Give the round a name.',
  },
  'round.not_found': {
    status: 404,
    nl: 'Deze ronde bestaat niet.',
    en: 'This round does not exist.',
  },
  'round.pilot_target_outside': {
    status: 400,
    nl: 'De streefdatum voor pilotdeelnemers moet binnen de aanleverperiode liggen.',
    en: 'The target date for pilot participants must lie within the delivery window.',
  },
  'round.spec_required': {
    status: 400,
    nl: 'Kies de specificatieversie die voor deze ronde geldt.',
    en: 'Choose the specification version that applies to this round.',
  },
  'round.window_order': {
    status: 400,
    nl: 'De aanleverperiode moet sluiten na de opening.',
    en: 'The delivery window must close after it opens.',
  },
  'round.withdrawal_before_close': {
    status: 400,
    nl: 'De intrekkingsperiode begint pas als de aanleverperiode gesloten is.',
    en: 'The withdrawal window only starts once the delivery window has closed.',
  },
  'round.withdrawal_window_order': {
    status: 400,
    nl: 'De intrekkingsperiode moet sluiten na de opening.',
    en: 'The withdrawal window must close after it opens.',
  },
  'token.bad_expiry': {
    status: 400,
    nl: 'Een token is 1 tot en met {max} dagen geldig.',
    en: 'A token is valid for 1 to {max} days.',
  },
  'token.bad_role': {
    status: 400,
    nl: 'Een token kan deze rollen niet krijgen: {roles}. Kies uit {allowed}.',
    en: 'A token cannot get these roles: {roles}. Choose from {allowed}.',
  },
  'token.name_required': {
    status: 400,
    nl: 'Geef het token een naam, bijvoorbeeld de naam van het pakket dat het gebruikt.',
    en: 'Give the token a name, for example the name of the package that uses it.',
  },
  'token.name_too_long': {
    status: 400,
    nl: 'De naam van een token is ten hoogste {max} tekens.',
    en: 'The name of a token is at most {max} characters.',
  },
  'token.not_found': {
    status: 404,
    nl: 'Dit token bestaat niet of is al ingetrokken.',
    en: 'This token does not exist or has already been revoked.',
  },
  'token.roles_required': {
    status: 400,
    nl: 'Kies ten minste één rol voor het token.',
    en: 'Choose at least one role for the token.',
  },
  'user.bad_email': {
    status: 400,
    nl: 'Vul een geldig e-mailadres in, zoals voornaam.achternaam@gemeente.nl.',
    en: 'Fill in a valid e-mail address, such as firstname.lastname@gemeente.nl.',
  },
  'user.roles_required': {
    status: 400,
    nl: 'Kies ten minste één rol: zonder rol kan de persoon niet inloggen. Er is niemand uitgenodigd.',
    en: 'Choose at least one role: without a role the person cannot log in. Nobody has been invited.',
  },
  'user.bad_role': {
    status: 400,
    nl: 'Onbekende rol: {roles}.',
    en: 'Unknown role: {roles}.',
  },
  'user.disabled': {
    status: 400,
    nl: 'Deze gebruiker is uitgeschakeld.',
    en: 'This user has been disabled.',
    reasons: {
      contact_servicedesk: {
        nl: 'Deze gebruiker is uitgeschakeld; neem contact op met de servicedesk.',
        en: 'This user has been disabled; please contact the service desk.',
      },
    },
  },
  'user.duplicate_email': {
    status: 409,
    nl: 'Er bestaat al een gebruiker met dit e-mailadres.',
    en: 'A user with this e-mail address already exists.',
  },
  'user.functional_email': {
    status: 400,
    nl: '{address} lijkt een functioneel of gedeeld adres. Gebruik een persoonlijk e-mailadres: ggk moet kunnen nagaan wie wat heeft gedaan, en meldingen horen bij één persoon.',
    en: '{address} looks like a functional or shared address. Use a personal e-mail address: ggk must be able to tell who did what, and notifications belong to one person.',
  },
  'user.last_administrator': {
    status: 400,
    nl: 'Dit is de laatste gebruikersbeheerder van de organisatie. Wijs eerst iemand anders als gebruikersbeheerder aan.',
    en: 'This is the last user administrator of the organisation. First make someone else a user administrator.',
    reasons: {
      disable: {
        nl: 'Dit is de laatste gebruikersbeheerder van de organisatie en kan niet worden uitgeschakeld. Wijs eerst iemand anders als gebruikersbeheerder aan.',
        en: 'This is the last user administrator of the organisation and cannot be disabled. First make someone else a user administrator.',
      },
    },
  },
  'user.name_required': {
    status: 400,
    nl: 'Vul de naam van de gebruiker in.',
    en: "Fill in the user's name.",
  },
  'user.not_found': {
    status: 404,
    nl: 'Deze gebruiker bestaat niet.',
    en: 'This user does not exist.',
  },
  'user.not_in_organisation': {
    status: 400,
    nl: 'Deze gebruiker hoort niet bij uw organisatie.',
    en: 'This user does not belong to your organisation.',
    reasons: {
      invite: {
        nl: 'Deze gebruiker hoort niet bij uw organisatie; nodig hem of haar uit.',
        en: 'This user does not belong to your organisation; invite them.',
      },
    },
  },
  'user.personal_not_confirmed': {
    status: 400,
    nl: 'Bevestig dat het e-mailadres van deze persoon zelf is en niet gedeeld wordt (geen functionele of teammailbox). Er is niemand uitgenodigd.',
    en: 'Confirm that the e-mail address belongs to this person and is not shared (no functional or team mailbox). Nobody has been invited.',
  },
  'user.role_not_held': {
    status: 400,
    nl: 'Deze gebruiker heeft die rol niet in uw organisatie.',
    en: 'This user does not have that role in your organisation.',
  },
  'user.role_scope': {
    status: 400,
    nl: 'Deze rol kan zo niet worden toegekend.',
    en: 'This role cannot be granted like this.',
    reasons: {
      staff_role: {
        nl: 'De rol {role} hoort bij het portaal zelf, niet bij een organisatie.',
        en: 'The role {role} belongs to the portal itself, not to an organisation.',
      },
      organisation_role: {
        nl: 'De rol {role} wordt altijd voor een organisatie toegekend.',
        en: 'The role {role} is always granted for an organisation.',
      },
    },
  },
  'withdrawal.confirmation_mismatch': {
    status: 400,
    nl: 'Typ ter bevestiging de naam van uw gemeente precies zoals hierboven: {name}. Er is niets ingetrokken.',
    en: 'To confirm, type the name of your municipality exactly as shown above: {name}. Nothing has been withdrawn.',
  },
  'withdrawal.date_future': {
    status: 400,
    nl: 'De datum van ontvangst ligt in de toekomst.',
    en: 'The date of receipt is in the future.',
  },
  'withdrawal.date_invalid': {
    status: 400,
    nl: 'Vul de datum in waarop CBS het formulier heeft ontvangen.',
    en: 'Fill in the date on which CBS received the form.',
  },
  'withdrawal.file_type_needs_half_year': {
    status: 400,
    nl: 'Een bestandstype trekt u in voor één halfjaar: kies ook het halfjaar, of laat het bestandstype leeg.',
    en: 'A file type is withdrawn for one half year: choose the half year too, or leave the file type empty.',
  },
  'withdrawal.form_outside_window': {
    status: 400,
    nl: 'Het formulier is ontvangen op {received}, buiten de dagen waarop CBS het intrekkingsformulier voor {round} aanneemt: {opens} tot en met {closes}. Een intrekking kan dan niet worden verwerkt; er is niets gewijzigd.',
    en: 'The form was received on {received}, outside the days on which CBS accepts the withdrawal form for {round}: {opens} up to and including {closes}. A withdrawal cannot be processed then; nothing has been changed.',
  },
  'withdrawal.gemeente_unknown': {
    status: 400,
    nl: 'Gemeentecode "{gemeentecode}" is geen gemeente in ggk. Gebruik de viercijferige CBS-code, bijvoorbeeld 0363.',
    en: 'Municipality code "{gemeentecode}" is not a municipality in ggk. Use the four-digit CBS code, for example 0363.',
  },
  'withdrawal.half_year_unknown': {
    status: 400,
    nl: 'Halfjaar "{halfYear}" hoort niet bij {round}. Kies {halfYears}, of laat het leeg om alles in te trekken.',
    en: 'Half year "{halfYear}" is not part of {round}. Choose {halfYears}, or leave it empty to withdraw everything.',
  },
  'withdrawal.nothing_delivered': {
    status: 400,
    nl: 'Er is voor {gemeente} in {round} niets aangeleverd; er is niets om in te trekken.',
    en: 'Nothing was delivered for {gemeente} in {round}; there is nothing to withdraw.',
  },
  'withdrawal.organisation_unknown': {
    status: 400,
    nl: 'Uw organisatie is niet bekend in ggk.',
    en: 'Your organisation is not known in ggk.',
  },
  'withdrawal.part_checking': {
    status: 400,
    nl: 'Aanlevering {receipt} van dit halfjaar wordt nog gecontroleerd; pas daarna is bekend welke bestanden van welk type zijn. Probeer het over een minuut opnieuw, of trek het hele halfjaar in. Er is niets ingetrokken.',
    en: 'Delivery {receipt} of this half year is still being checked; only then is it known which files are of which type. Try again in a minute, or withdraw the whole half year. Nothing has been withdrawn.',
  },
  'withdrawal.part_empty': {
    status: 400,
    nl: 'Van dit deel is niets aangeleverd dat nog kan worden ingetrokken. Er is niets gewijzigd.',
    en: 'Nothing that can still be withdrawn was delivered for this part. Nothing has been changed.',
  },
  'withdrawal.part_invalid': {
    status: 400,
    nl: 'Kies wat u wilt intrekken: alles, een halfjaar of een bestandstype van een halfjaar. Er is niets ingetrokken.',
    en: 'Choose what to withdraw: everything, a half year or one file type of a half year. Nothing has been withdrawn.',
  },
  'withdrawal.part_mixed': {
    status: 400,
    nl: 'Het bestand {file} (aanlevering {receipt}) bevat ook andere bestandstypen ({types}) en kan alleen als geheel worden verwijderd: trek het hele halfjaar in. Er is niets ingetrokken.',
    en: 'The file {file} (delivery {receipt}) also holds other file types ({types}) and can only be deleted as a whole: withdraw the whole half year. Nothing has been withdrawn.',
  },
  'withdrawal.reason_too_long': {
    status: 400,
    nl: 'De reden is te lang: gebruik ten hoogste 1000 tekens.',
    en: 'The reason is too long: use at most 1000 characters.',
  },
  'withdrawal.reference_required': {
    status: 400,
    nl: 'Vul het kenmerk van het formulier in.',
    en: 'Fill in the reference of the form.',
  },
  'withdrawal.reference_too_long': {
    status: 400,
    nl: 'Het kenmerk is te lang: ten hoogste 100 tekens.',
    en: 'The reference is too long: at most 100 characters.',
  },
  'withdrawal.refused': {
    status: 400,
    nl: 'Intrekken is nu niet mogelijk. Er is niets gewijzigd.',
    en: 'A withdrawal is not possible now. Nothing has been changed.',
    reasons: {
      collaboration: {
        nl: 'Een samenwerkingsverband trekt geen aanleveringen in. Intrekken doet de gemeente zelf: een delegerende gemeente via het intrekkingsformulier van CBS.',
        en: 'A collaboration does not withdraw deliveries. The municipality withdraws itself: a delegating municipality through the CBS withdrawal form.',
      },
      no_round: {
        nl: 'Er is geen aanleverronde ingesteld; er is niets om in te trekken.',
        en: 'No delivery round has been set up; there is nothing to withdraw.',
      },
      delegated: {
        nl: '{gemeente} levert (deels) aan via {collaborations}. Een delegerende gemeente kan niet in het portaal intrekken: gebruik het intrekkingsformulier van CBS; CBS neemt het voor {round} aan van {opens} tot en met {closes}. CBS verwerkt het formulier in ggk, met hetzelfde gevolg.',
        en: '{gemeente} delivers (partly) through {collaborations}. A delegating municipality cannot withdraw in the portal: use the CBS withdrawal form; CBS accepts it for {round} from {opens} up to and including {closes}. CBS processes the form in ggk, with the same effect.',
      },
      window_closed: {
        nl: 'Intrekken kan alleen in de intrekkingsperiode van {round}: {opens} tot en met {closes}. Er is niets gewijzigd.',
        en: 'Withdrawing is only possible in the withdrawal window of {round}: {opens} up to and including {closes}. Nothing has been changed.',
      },
      nothing_delivered: {
        nl: '{gemeente} heeft in {round} niets aangeleverd; er is niets om in te trekken.',
        en: '{gemeente} delivered nothing in {round}; there is nothing to withdraw.',
      },
    },
  },
  'withdrawal.round_unknown': {
    status: 400,
    nl: 'Kies de ronde waarvoor het formulier geldt.',
    en: 'Choose the round the form applies to.',
  },
  'withdrawal.unavailable': {
    status: 400,
    nl: 'Intrekken is op dit moment niet beschikbaar. Probeer het later opnieuw.',
    en: 'Withdrawing is not available right now. Please try again later.',
  },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorCode = keyof typeof ERRORS;
