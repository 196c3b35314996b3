// Refusals of the administration (users, registrations, API tokens, organisations, rounds, periods,
// the municipal classification), per language. As in errors.ts: Dutch shows the module's own message;
// other languages these texts, with parameters from the error's details, and
// `error.<code>.<reason>` for an error whose details.reason names that reason.
import { defineMessages } from '../define.ts';

export default defineMessages({
  nl: {
    'error.user.bad_email': 'Vul een geldig e-mailadres in, zoals voornaam.achternaam@gemeente.nl.',
    'error.user.functional_email':
      'Dit lijkt een functioneel of gedeeld adres. Gebruik een persoonlijk e-mailadres: ggk moet kunnen nagaan wie wat heeft gedaan, en meldingen horen bij één persoon.',
    'error.user.name_required': 'Vul de naam van de gebruiker in.',
    'error.user.duplicate_email': 'Er bestaat al een gebruiker met dit e-mailadres.',
    'error.user.bad_role': 'Onbekende rol: {roles}.',
    'error.user.role_scope': 'Deze rol kan zo niet worden toegekend.',
    'error.user.role_scope.staff_role': 'De rol {role} hoort bij het portaal zelf, niet bij een organisatie.',
    'error.user.role_scope.organisation_role': 'De rol {role} wordt altijd voor een organisatie toegekend.',
    'error.user.not_found': 'Deze gebruiker bestaat niet.',
    'error.user.disabled': 'Deze gebruiker is uitgeschakeld.',
    'error.user.disabled.contact_servicedesk':
      'Deze gebruiker is uitgeschakeld; neem contact op met de servicedesk.',
    'error.user.not_in_organisation': 'Deze gebruiker hoort niet bij uw organisatie.',
    'error.user.not_in_organisation.invite':
      'Deze gebruiker hoort niet bij uw organisatie; nodig hem of haar uit.',
    'error.user.last_administrator':
      'Dit is de laatste gebruikersbeheerder van de organisatie. Wijs eerst iemand anders als gebruikersbeheerder aan.',
    'error.user.last_administrator.disable':
      'Dit is de laatste gebruikersbeheerder van de organisatie en kan niet worden uitgeschakeld. Wijs eerst iemand anders als gebruikersbeheerder aan.',
    'error.user.role_not_held': 'Deze gebruiker heeft die rol niet in uw organisatie.',
    'error.registration.name_required': 'Vul uw naam in.',
    'error.registration.organisation_required': 'Kies de organisatie waarvoor u zich aanmeldt.',
    'error.registration.has_administrator':
      '{organisation} heeft al een gebruikersbeheerder in ggk. Vraag die om u uit te nodigen.',
    'error.registration.duplicate':
      'U heeft zich al aangemeld voor deze organisatie; de aanmelding wordt beoordeeld.',
    'error.registration.not_found': 'Deze aanmelding bestaat niet.',
    'error.registration.already_decided': 'Over deze aanmelding is al besloten.',
    'error.registration.reason_required': 'Geef de aanvrager een reden voor de afwijzing.',
    'error.token.name_required':
      'Geef het token een naam, bijvoorbeeld de naam van het pakket dat het gebruikt.',
    'error.token.roles_required': 'Kies ten minste één rol voor het token.',
    'error.token.bad_role': 'Een token kan deze rollen niet krijgen: {roles}. Kies uit {allowed}.',
    'error.token.bad_expiry': 'Een token is 1 tot en met {max} dagen geldig.',
    'error.token.not_found': 'Dit token bestaat niet of is al ingetrokken.',
    'error.organisation.bad_date': '"{value}" is geen geldige datum (JJJJ-MM-DD).',
    'error.organisation.bad_date.valid_from': 'Begindatum "{value}" is geen geldige datum (JJJJ-MM-DD).',
    'error.organisation.bad_date.valid_to': 'Einddatum "{value}" is geen geldige datum (JJJJ-MM-DD).',
    'error.organisation.bad_date.reference_date': 'Peildatum "{value}" is geen geldige datum (JJJJ-MM-DD).',
    'error.organisation.unknown_gemeente':
      'Gemeentecode {gemeentecode} bestaat niet in de gemeentelijke indeling van {year}.',
    'error.organisation.duplicate': 'Deze organisatie bestaat al in ggk.',
    'error.organisation.duplicate.gemeente': 'Gemeente {gemeentecode} {name} bestaat al in ggk.',
    'error.organisation.duplicate.collaboration':
      'Er bestaat al een samenwerkingsverband met de naam "{name}".',
    'error.organisation.not_found': 'Deze organisatie bestaat niet.',
    'error.organisation.not_a_gemeente': '{name} is geen gemeente; kies een gemeente.',
    'error.organisation.name_required': 'Geef het samenwerkingsverband een naam.',
    'error.organisation.not_a_collaboration':
      'Leden kunnen alleen aan een samenwerkingsverband worden toegevoegd.',
    'error.organisation.bad_domain': 'Onbekend domein "{domain}"; kies jeugd, wmo of beschermd-wonen.',
    'error.organisation.member_period_order': 'De einddatum van het lidmaatschap ligt voor de begindatum.',
    'error.organisation.member_overlap':
      '{gemeente} is in deze periode al lid van {collaboration} voor {domain}.',
    'error.round.name_required': 'Geef de ronde een naam.',
    'error.round.bad_half_year': '"{halfYear}" is geen halfjaar; schrijf bijvoorbeeld 2017H2.',
    'error.round.bad_previous_half_year':
      'Naast {halfYear} kan alleen het halfjaar ervoor ({expected}) worden (her)geleverd, niet {given}.',
    'error.round.spec_required': 'Kies de specificatieversie die voor deze ronde geldt.',
    'error.round.window_order': 'De aanleverperiode moet sluiten na de opening.',
    'error.round.withdrawal_window_order': 'De intrekkingsperiode moet sluiten na de opening.',
    'error.round.withdrawal_before_close':
      'De intrekkingsperiode begint pas als de aanleverperiode gesloten is.',
    'error.round.pilot_target_outside':
      'De streefdatum voor pilotdeelnemers moet binnen de aanleverperiode liggen.',
    'error.round.duplicate': 'Er bestaat al een ronde voor {halfYear}.',
    'error.round.not_found': 'Deze ronde bestaat niet.',
    'error.round.gemeente_not_in_classification':
      '{name} ({gemeentecode}) is op {day} geen gemeente volgens de CBS-indeling en kan niet deelnemen.',
    'error.period.bad_half_year':
      'Ongeldig halfjaar "{input}": verwacht de vorm JJJJH1 of JJJJH2, bijvoorbeeld 2017H2.',
    'error.period.bad_date': 'Ongeldige datum "{input}".',
    'error.period.bad_date.format':
      'Ongeldige datum "{input}": verwacht een datum in de vorm JJJJ-MM-DD, bijvoorbeeld 2018-02-28.',
    'error.period.bad_date.year_range':
      'Ongeldige datum "{input}": alleen jaren van {min} tot en met {max} worden ondersteund.',
    'error.period.bad_date.no_such_day': 'Ongeldige datum "{input}": deze datum bestaat niet.',
    'error.period.bad_year': 'Ongeldig jaar {year}: verwacht een heel jaartal van {min} tot en met {max}.',
    'error.period.out_of_range':
      '{n} werkdagen vanaf {date} valt buiten de ondersteunde jaren {min} tot en met {max}.',
    'error.classification.bad_date': 'Ongeldige datum "{value}"; verwacht JJJJ-MM-DD.',
    'error.classification.year_unavailable':
      'Er is geen gemeentelijke indeling voor {year} beschikbaar (wel voor {available}).',
  },
  en: {
    'error.user.bad_email': 'Fill in a valid e-mail address, such as firstname.lastname@gemeente.nl.',
    'error.user.functional_email':
      'This looks like a functional or shared address. Use a personal e-mail address: ggk must be able to tell who did what, and notifications belong to one person.',
    'error.user.name_required': "Fill in the user's name.",
    'error.user.duplicate_email': 'A user with this e-mail address already exists.',
    'error.user.bad_role': 'Unknown role: {roles}.',
    'error.user.role_scope': 'This role cannot be granted like this.',
    'error.user.role_scope.staff_role':
      'The role {role} belongs to the portal itself, not to an organisation.',
    'error.user.role_scope.organisation_role': 'The role {role} is always granted for an organisation.',
    'error.user.not_found': 'This user does not exist.',
    'error.user.disabled': 'This user has been disabled.',
    'error.user.disabled.contact_servicedesk':
      'This user has been disabled; please contact the service desk.',
    'error.user.not_in_organisation': 'This user does not belong to your organisation.',
    'error.user.not_in_organisation.invite': 'This user does not belong to your organisation; invite them.',
    'error.user.last_administrator':
      'This is the last user administrator of the organisation. First make someone else a user administrator.',
    'error.user.last_administrator.disable':
      'This is the last user administrator of the organisation and cannot be disabled. First make someone else a user administrator.',
    'error.user.role_not_held': 'This user does not have that role in your organisation.',
    'error.registration.name_required': 'Fill in your name.',
    'error.registration.organisation_required': 'Choose the organisation you are registering for.',
    'error.registration.has_administrator':
      '{organisation} already has a user administrator in ggk. Ask them to invite you.',
    'error.registration.duplicate':
      'You have already registered for this organisation; the registration is being reviewed.',
    'error.registration.not_found': 'This registration does not exist.',
    'error.registration.already_decided': 'This registration has already been decided on.',
    'error.registration.reason_required': 'Give the applicant a reason for the rejection.',
    'error.token.name_required': 'Give the token a name, for example the name of the package that uses it.',
    'error.token.roles_required': 'Choose at least one role for the token.',
    'error.token.bad_role': 'A token cannot get these roles: {roles}. Choose from {allowed}.',
    'error.token.bad_expiry': 'A token is valid for 1 to {max} days.',
    'error.token.not_found': 'This token does not exist or has already been revoked.',
    'error.organisation.bad_date': '"{value}" is not a valid date (YYYY-MM-DD).',
    'error.organisation.bad_date.valid_from': 'Start date "{value}" is not a valid date (YYYY-MM-DD).',
    'error.organisation.bad_date.valid_to': 'End date "{value}" is not a valid date (YYYY-MM-DD).',
    'error.organisation.bad_date.reference_date':
      'Reference date "{value}" is not a valid date (YYYY-MM-DD).',
    'error.organisation.unknown_gemeente':
      'Municipality code {gemeentecode} does not exist in the municipal classification of {year}.',
    'error.organisation.duplicate': 'This organisation already exists in ggk.',
    'error.organisation.duplicate.gemeente': 'Municipality {gemeentecode} {name} already exists in ggk.',
    'error.organisation.duplicate.collaboration': 'A collaboration named "{name}" already exists.',
    'error.organisation.not_found': 'This organisation does not exist.',
    'error.organisation.not_a_gemeente': '{name} is not a municipality; choose a municipality.',
    'error.organisation.name_required': 'Give the collaboration a name.',
    'error.organisation.not_a_collaboration': 'Members can only be added to a collaboration.',
    'error.organisation.bad_domain': 'Unknown domain "{domain}"; choose jeugd, wmo or beschermd-wonen.',
    'error.organisation.member_period_order': 'The end date of the membership is before its start date.',
    'error.organisation.member_overlap':
      '{gemeente} is already a member of {collaboration} for {domain} in this period.',
    'error.round.name_required': 'Give the round a name.',
    'error.round.bad_half_year': '"{halfYear}" is not a half year; write for example 2017H2.',
    'error.round.bad_previous_half_year':
      'Besides {halfYear}, only the half year before it ({expected}) can be (re)delivered, not {given}.',
    'error.round.spec_required': 'Choose the specification version that applies to this round.',
    'error.round.window_order': 'The delivery window must close after it opens.',
    'error.round.withdrawal_window_order': 'The withdrawal window must close after it opens.',
    'error.round.withdrawal_before_close':
      'The withdrawal window only starts once the delivery window has closed.',
    'error.round.pilot_target_outside':
      'The target date for pilot participants must lie within the delivery window.',
    'error.round.duplicate': 'A round for {halfYear} already exists.',
    'error.round.not_found': 'This round does not exist.',
    'error.round.gemeente_not_in_classification':
      '{name} ({gemeentecode}) is not a municipality in the CBS classification on {day} and cannot take part.',
    'error.period.bad_half_year':
      'Invalid half year "{input}": expected the form YYYYH1 or YYYYH2, for example 2017H2.',
    'error.period.bad_date': 'Invalid date "{input}".',
    'error.period.bad_date.format':
      'Invalid date "{input}": expected a date in the form YYYY-MM-DD, for example 2018-02-28.',
    'error.period.bad_date.year_range':
      'Invalid date "{input}": only the years {min} to {max} are supported.',
    'error.period.bad_date.no_such_day': 'Invalid date "{input}": this date does not exist.',
    'error.period.bad_year': 'Invalid year {year}: expected a whole year from {min} to {max}.',
    'error.period.out_of_range':
      '{n} working days from {date} falls outside the supported years {min} to {max}.',
    'error.classification.bad_date': 'Invalid date "{value}"; expected YYYY-MM-DD.',
    'error.classification.year_unavailable':
      'No municipal classification is available for {year} (there is one for {available}).',
  },
});
