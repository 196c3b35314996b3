// The e-mails ggk sends. ggk does not know a recipient's language, so every mail carries the Dutch
// text first and the English text below it (bilingualMail); the subject is Dutch.
import { defineMessages } from '../define.ts';

export default defineMessages({
  nl: {
    'mail.invitation.subject': 'Uitnodiging voor ggk namens {organisation}',
    'mail.invitation.body':
      'Beste {name},\n\nU bent uitgenodigd om ggk, het gegevensknooppunt voor de Gemeentelijke Monitor Sociaal Domein, te gebruiken namens {organisation} (rollen: {roles}).\n\nLog de eerste keer in via deze link, met eHerkenning (niveau EH3) namens uw organisatie:\n{link}\n\nDe link is {days} dagen geldig en werkt één keer. Daarna logt u in via de startpagina van ggk.\nHeeft u deze uitnodiging niet verwacht? Dan kunt u deze e-mail negeren.',
    'mail.invitation.noRole': 'nog geen rol',
    'mail.registrationReceived.subject': 'Aanmelding voor ggk ontvangen ({organisation})',
    'mail.registrationReceived.body':
      'Beste {name},\n\nWij hebben uw aanmelding als gebruikersbeheerder van {organisation} voor ggk ontvangen.\nDe beheerder van het portaal beoordeelt de aanmelding. U krijgt daarna bericht: bij goedkeuring een uitnodiging om voor het eerst in te loggen.',
    'mail.registrationRejected.subject': 'Aanmelding voor ggk niet goedgekeurd ({organisation})',
    'mail.registrationRejected.body':
      'Beste {name},\n\nUw aanmelding als gebruikersbeheerder van {organisation} voor ggk is niet goedgekeurd.\nReden: {reason}\n\nHeeft u vragen? Neem dan contact op met de servicedesk.',
    'mail.reportReady.subject': 'Aanlevering {receipt} {state}: technisch rapport staat klaar',
    'mail.reportReady.body':
      'Beste {name},\n\nDe technische controle van aanlevering {receipt} ({gemeente}, {halfYear}) is klaar: de aanlevering is {state}.\n\nU vindt het technisch rapport na inloggen op:\n{link}\n\nDeze e-mail bevat bewust geen gegevens uit het bestand.',
    'mail.state.approved': 'goedgekeurd',
    'mail.state.rejected': 'afgekeurd',
  },
  en: {
    'mail.invitation.subject': 'Invitation to ggk on behalf of {organisation}',
    'mail.invitation.body':
      'Dear {name},\n\nYou have been invited to use ggk, the data hub for the Municipal Social Domain Monitor, on behalf of {organisation} (roles: {roles}).\n\nLog in the first time through this link, with eHerkenning (level EH3) on behalf of your organisation:\n{link}\n\nThe link is valid for {days} days and works once. After that you log in through the ggk home page.\nDid you not expect this invitation? Then you can ignore this e-mail.',
    'mail.invitation.noRole': 'no role yet',
    'mail.registrationReceived.subject': 'Registration for ggk received ({organisation})',
    'mail.registrationReceived.body':
      'Dear {name},\n\nWe have received your registration as user administrator of {organisation} for ggk.\nThe portal administrator will review it. You will hear from us afterwards: if approved, with an invitation to log in for the first time.',
    'mail.registrationRejected.subject': 'Registration for ggk not approved ({organisation})',
    'mail.registrationRejected.body':
      'Dear {name},\n\nYour registration as user administrator of {organisation} for ggk has not been approved.\nReason: {reason}\n\nAny questions? Please contact the service desk.',
    'mail.reportReady.subject': 'Delivery {receipt} {state}: technical report ready',
    'mail.reportReady.body':
      'Dear {name},\n\nThe technical check of delivery {receipt} ({gemeente}, {halfYear}) is done: the delivery is {state}.\n\nYou find the technical report after logging in at:\n{link}\n\nThis e-mail deliberately contains no data from the file.',
    'mail.state.approved': 'approved',
    'mail.state.rejected': 'rejected',
  },
});
