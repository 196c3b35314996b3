// The e-mails ggk sends. ggk does not know a recipient's language, so every mail carries the Dutch
// text first and the English text below it (bilingualMail); the subject is "Dutch / English".
import { defineMessages } from '../define.ts';

export default defineMessages({
  nl: {
    'mail.invitation.subject': 'Uitnodiging voor ggk namens {organisation}',
    'mail.invitation.body':
      'Beste {name},\n\nU bent uitgenodigd om ggk, het gegevensknooppunt voor de Gemeentelijke Monitor Sociaal Domein, te gebruiken namens {organisation} (rollen: {roles}).\n\nLog de eerste keer in via deze link, met eHerkenning (niveau EH3) namens uw organisatie:\n{link}\n\nDe link is {days} dagen geldig en werkt één keer. Daarna logt u in via de startpagina van ggk.\nHeeft u deze uitnodiging niet verwacht? Dan kunt u deze e-mail negeren.',
    'mail.invitation.noRole': 'nog geen rol',
    'mail.auditAnchor.subject': 'Anker van de audittrail van ggk (regel {seq})',
    'mail.auditAnchor.body':
      'Dit is het dagelijkse anker van de audittrail van ggk: de laatste regel en haar hash, ondertekend door ggk.\n\nBewaar dit bericht buiten ggk. Wie de audittrail later wil controleren, slaat het anker op in een bestand en voert uit:\n  ggk audit verify --expect-file <bestand>\nZo blijkt of de audittrail sinds dit anker is herschreven of ingekort.\n\n{statement}',
    'mail.registrationReceived.subject': 'Aanmelding voor ggk ontvangen ({organisation})',
    'mail.registrationReceived.body':
      'Beste {name},\n\nWij hebben uw aanmelding als gebruikersbeheerder van {organisation} voor ggk ontvangen.\nDe beheerder van het portaal beoordeelt de aanmelding. U krijgt daarna bericht: bij goedkeuring een uitnodiging om voor het eerst in te loggen.',
    'mail.registrationHasAdministrator.subject':
      'Aanmelding voor ggk: {organisation} heeft al een gebruikersbeheerder',
    'mail.registrationHasAdministrator.body':
      'Beste {name},\n\nU heeft zich aangemeld als gebruikersbeheerder van {organisation} voor ggk. {organisation} heeft al een gebruikersbeheerder in ggk; daarom is uw aanmelding niet in behandeling genomen.\nVraag de gebruikersbeheerder van uw organisatie om u uit te nodigen.',
    'mail.registrationRejected.subject': 'Aanmelding voor ggk niet goedgekeurd ({organisation})',
    'mail.registrationRejected.body':
      'Beste {name},\n\nUw aanmelding als gebruikersbeheerder van {organisation} voor ggk is niet goedgekeurd.\nReden: {reason}\n\nHeeft u vragen? Neem dan contact op met de servicedesk; hoe, staat onder aan deze e-mail.',
    'mail.reportReady.subject': 'Aanlevering {receipt} {state}: technisch rapport staat klaar',
    'mail.reportReady.body':
      'Beste {name},\n\nDe technische controle van aanlevering {receipt} ({gemeente}, {halfYear}) is klaar: de aanlevering is {state}.\n\nU vindt het technisch rapport na inloggen op:\n{link}\n\nDeze e-mail bevat bewust geen gegevens uit het bestand.',
    'mail.state.approved': 'goedgekeurd',
    'mail.state.rejected': 'afgekeurd',
    'mail.state.partially_approved': 'gedeeltelijk goedgekeurd',
    'mail.withdrawal.subject': 'Intrekking verwerkt: {gemeente}, {round}',
    'mail.withdrawal.body':
      'Beste {name},\n\nDe aanlevering van {gemeente} voor {round} is ingetrokken {channel}, op {when}.\nDe aangeleverde bestanden en de rapporten daarvan zijn definitief verwijderd ({count} {deliveries}).\n\nWat er is verwijderd, ziet u na inloggen op:\n{link}\n\nDeze e-mail bevat bewust geen gegevens uit de bestanden.',
    'mail.withdrawalMember.subject':
      'Intrekking van {gemeente} verwerkt: wat {collaboration} aanleverde is verwijderd',
    'mail.withdrawalMember.body':
      'Beste {name},\n\n{gemeente} heeft de aanlevering voor {round} ingetrokken {channel}{reference}, verwerkt op {when}.\nWat {collaboration} voor {gemeente} aanleverde, is definitief verwijderd, met de rapporten daarvan (ontvangstbewijs {receipts}).\nLever voor {gemeente} in deze ronde niet opnieuw aan zonder overleg met de gemeente.\n\nUw aanleveringen ziet u na inloggen op:\n{link}\n\nDeze e-mail bevat bewust geen gegevens uit de bestanden.',
    'mail.withdrawalMember.reference': ' (kenmerk {reference})',
    'mail.withdrawal.channel.portal': 'in het portaal',
    'mail.withdrawal.channel.cbs_form': 'via het intrekkingsformulier van CBS',
    'mail.withdrawal.delivery': 'aanlevering',
    'mail.withdrawal.deliveries': 'aanleveringen',
    'mail.withdrawal.part.halfYear': ' (alleen {halfYear})',
    'mail.withdrawal.part.fileType': ' (alleen {type} van {halfYear})',
    'mail.contentReport.subject': 'Op-orde rapport van aanlevering {receipt} staat klaar',
    'mail.contentReport.body':
      'Beste {name},\n\nHet op-orde rapport van aanlevering {receipt} ({gemeente}, {halfYear}) staat klaar. Het laat zien of de aanlevering compleet en plausibel is, vergeleken met eerdere aanleveringen.\n\nU vindt het rapport na inloggen op:\n{link}\n\nDeze e-mail bevat bewust geen gegevens uit het bestand.',
    'mail.reminderClosing.subject': 'Herinnering: de aanleverperiode sluit {closesOn}',
    'mail.reminderClosing.body':
      'Beste {name},\n\nDe aanleverperiode van {round} sluit op {closesAt}, over {left} {workingDays}.\nVoor het {halfYear} heeft ggk van {organisation} nog geen goedgekeurd bestand ontvangen voor:\n{list}\n\nU kunt na inloggen aanleveren op:\n{link}\n\nHeeft u al aangeleverd en is dat bestand afgekeurd, dan ziet u in het technisch rapport wat er moet worden verbeterd.\nU ontvangt deze herinnering één keer.',
    'mail.reminderPilotTarget.subject': 'Herinnering: de streefdatum voor pilotdeelnemers is {closesOn}',
    'mail.reminderPilotTarget.body':
      'Beste {name},\n\nAls pilotdeelnemer van {round} vragen we {organisation} vroeg in de aanleverperiode aan te leveren: uiterlijk op de streefdatum, {closesAt}, over {left} {workingDays}.\nVoor het {halfYear} heeft ggk van {organisation} nog geen goedgekeurd bestand ontvangen voor:\n{list}\n\nU kunt na inloggen aanleveren op:\n{link}\n\nDe aanleverperiode zelf loopt langer; zo blijft er tijd om te verbeteren.\nU ontvangt deze herinnering één keer.',
    'mail.reminderClosing.workingDay': 'werkdag',
    'mail.reminderClosing.workingDays': 'werkdagen',
    'mail.reminderClosing.typeFor': '{type} voor {gemeente}',
    'mail.reminderFetch.subject': 'Herinnering: uw op-orde rapport {types} staat klaar',
    'mail.reminderFetch.body':
      'Beste {name},\n\nHet op-orde rapport {types} van {gemeente} (aanlevering {receipt}) staat sinds {placedAt} voor u klaar.\nAls pilotdeelnemer vragen we u het rapport binnen 1 werkdag op te halen, zodat u nog kunt verbeteren.\n\nU vindt het na inloggen op:\n{link}',
    'mail.mailbox.heading': 'Ontvangen e-mail',
    'mail.mailbox.empty': 'Er is nog geen e-mail ontvangen.',
    'mail.mailbox.captionOne': '1 ontvangen e-mail, nieuwste eerst',
    'mail.mailbox.captionMany': '{count} ontvangen e-mails, nieuwste eerst',
    'mail.mailbox.received': 'Ontvangen',
    'mail.mailbox.from': 'Van',
    'mail.mailbox.to': 'Aan',
    'mail.mailbox.subject': 'Onderwerp',
    'mail.mailbox.noSubject': '(geen onderwerp)',
  },
  en: {
    'mail.invitation.subject': 'Invitation to ggk on behalf of {organisation}',
    'mail.invitation.body':
      'Dear {name},\n\nYou have been invited to use ggk, the data hub for the Municipal Social Domain Monitor, on behalf of {organisation} (roles: {roles}).\n\nLog in the first time through this link, with eHerkenning (level EH3) on behalf of your organisation:\n{link}\n\nThe link is valid for {days} days and works once. After that you log in through the ggk home page.\nDid you not expect this invitation? Then you can ignore this e-mail.',
    'mail.invitation.noRole': 'no role yet',
    'mail.auditAnchor.subject': 'Anchor of the ggk audit trail (entry {seq})',
    'mail.auditAnchor.body':
      "This is the daily anchor of the ggk audit trail: its last entry and that entry's hash, signed by ggk.\n\nKeep this message outside ggk. To check the audit trail later, save the anchor in a file and run:\n  ggk audit verify --expect-file <file>\nThis shows whether the audit trail was rewritten or cut short since this anchor.\n\n{statement}",
    'mail.registrationReceived.subject': 'Registration for ggk received ({organisation})',
    'mail.registrationReceived.body':
      'Dear {name},\n\nWe have received your registration as user administrator of {organisation} for ggk.\nThe portal administrator will review it. You will hear from us afterwards: if approved, with an invitation to log in for the first time.',
    'mail.registrationHasAdministrator.subject':
      'Registration for ggk: {organisation} already has a user administrator',
    'mail.registrationHasAdministrator.body':
      'Dear {name},\n\nYou registered as user administrator of {organisation} for ggk. {organisation} already has a user administrator in ggk, so your registration was not taken up.\nAsk the user administrator of your organisation to invite you.',
    'mail.registrationRejected.subject': 'Registration for ggk not approved ({organisation})',
    'mail.registrationRejected.body':
      'Dear {name},\n\nYour registration as user administrator of {organisation} for ggk has not been approved.\nReason: {reason}\n\nAny questions? Please contact the service desk; how is at the bottom of this e-mail.',
    'mail.reportReady.subject': 'Delivery {receipt} {state}: technical report ready',
    'mail.reportReady.body':
      'Dear {name},\n\nThe technical check of delivery {receipt} ({gemeente}, {halfYear}) is done: the delivery is {state}.\n\nYou find the technical report after logging in at:\n{link}\n\nThis e-mail deliberately contains no data from the file.',
    'mail.state.approved': 'approved',
    'mail.state.rejected': 'rejected',
    'mail.state.partially_approved': 'partly approved',
    'mail.withdrawal.subject': 'Withdrawal processed: {gemeente}, {round}',
    'mail.withdrawal.body':
      'Dear {name},\n\nThe delivery of {gemeente} for {round} has been withdrawn {channel}, on {when}.\nThe delivered files and their reports have been deleted for good ({count} {deliveries}).\n\nYou can see what was deleted after logging in at:\n{link}\n\nThis e-mail deliberately contains no data from the files.',
    'mail.withdrawalMember.subject':
      'Withdrawal of {gemeente} processed: what {collaboration} delivered has been deleted',
    'mail.withdrawalMember.body':
      'Dear {name},\n\n{gemeente} has withdrawn its delivery for {round} {channel}{reference}, processed on {when}.\nWhat {collaboration} delivered for {gemeente} has been deleted for good, with its reports (receipt {receipts}).\nDo not deliver for {gemeente} in this round again without consulting the municipality.\n\nYou can see your deliveries after logging in at:\n{link}\n\nThis e-mail deliberately contains no data from the files.',
    'mail.withdrawalMember.reference': ' (reference {reference})',
    'mail.withdrawal.channel.portal': 'in the portal',
    'mail.withdrawal.channel.cbs_form': 'through the CBS withdrawal form',
    'mail.withdrawal.delivery': 'delivery',
    'mail.withdrawal.deliveries': 'deliveries',
    'mail.withdrawal.part.halfYear': ' (only {halfYear})',
    'mail.withdrawal.part.fileType': ' (only {type} of {halfYear})',
    'mail.contentReport.subject': 'Content report of delivery {receipt} is ready',
    'mail.contentReport.body':
      'Dear {name},\n\nThe content report of delivery {receipt} ({gemeente}, {halfYear}) is ready. It shows whether the delivery is complete and plausible, compared with earlier deliveries.\n\nYou find the report after logging in at:\n{link}\n\nThis e-mail deliberately contains no data from the file.',
    'mail.reminderClosing.subject': 'Reminder: the delivery window closes {closesOn}',
    'mail.reminderClosing.body':
      'Dear {name},\n\nThe delivery window of {round} closes on {closesAt}, in {left} {workingDays}.\nFor the {halfYear}, ggk has not yet received an approved file from {organisation} for:\n{list}\n\nYou can deliver after logging in at:\n{link}\n\nIf you have delivered and that file was rejected, the technical report shows what needs to be corrected.\nYou receive this reminder once.',
    'mail.reminderPilotTarget.subject': 'Reminder: the target date for pilot participants is {closesOn}',
    'mail.reminderPilotTarget.body':
      'Dear {name},\n\nAs a pilot participant of {round}, we ask {organisation} to deliver early in the delivery window: by the target date, {closesAt}, in {left} {workingDays}.\nFor the {halfYear}, ggk has not yet received an approved file from {organisation} for:\n{list}\n\nYou can deliver after logging in at:\n{link}\n\nThe delivery window itself runs longer; this leaves time to make corrections.\nYou receive this reminder once.',
    'mail.reminderClosing.workingDay': 'working day',
    'mail.reminderClosing.workingDays': 'working days',
    'mail.reminderClosing.typeFor': '{type} for {gemeente}',
    'mail.reminderFetch.subject': 'Reminder: your content report {types} is ready',
    'mail.reminderFetch.body':
      'Dear {name},\n\nThe content report {types} of {gemeente} (delivery {receipt}) has been ready for you since {placedAt}.\nAs a pilot participant, we ask you to fetch the report within 1 working day, so that you can still make corrections.\n\nYou find it after logging in at:\n{link}',
    'mail.mailbox.heading': 'Received e-mail',
    'mail.mailbox.empty': 'No e-mail has been received yet.',
    'mail.mailbox.captionOne': '1 received e-mail, newest first',
    'mail.mailbox.captionMany': '{count} received e-mails, newest first',
    'mail.mailbox.received': 'Received',
    'mail.mailbox.from': 'From',
    'mail.mailbox.to': 'To',
    'mail.mailbox.subject': 'Subject',
    'mail.mailbox.noSubject': '(no subject)',
  },
});
