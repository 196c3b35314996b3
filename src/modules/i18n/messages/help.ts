// Help at hand (issue 20): the contact details of the current round (footer, error pages, mails),
// the operator's page that sets them, the consent stated on the upload page, and the help section.
import { defineMessages } from '../define.ts';

export default defineMessages({
  nl: {
    'help.contacts.label': 'Contact',
    'help.contacts.servicedesk': 'Servicedesk ggk: bel {phone} of mail {email} ({hours}).',
    'help.contacts.cbs': 'Vragen over de monitor zelf of over wat CBS met de gegevens doet: CBS, {contact}.',
    'help.contacts.or': 'of',
    'help.contacts.errorNote':
      'Komt u er niet uit? Neem contact op met de servicedesk van ggk: bel {phone} of mail {email} ({hours}).',
    'help.contacts.errorNoteNone': 'Komt u er niet uit? Kijk bij {link}.',
    'help.contacts.errorNoteLink': 'hulp en veelgestelde vragen',
    'help.mail.servicedesk': 'Vragen? Servicedesk ggk: {phone}, {email} ({hours}).',
    'help.mail.cbs': 'Vragen over de monitor: CBS, {contact}.',
    'help.mail.help': 'Hulp en veelgestelde vragen: {link}',
    'help.nav': 'Hulp',
    'help.admin.nav': 'Contactgegevens',
    'help.admin.title': 'Contactgegevens per ronde',
    'help.admin.intro':
      'Deze gegevens staan onder aan elke pagina, op elke foutpagina en onder elke e-mail van ggk. ggk toont die van de lopende ronde; heeft die er nog geen, dan die van de laatste ronde met contactgegevens.',
    'help.admin.round': 'Ronde',
    'help.admin.chooseRound': 'Toon ronde',
    'help.admin.roundLabel': 'Kies een ronde',
    'help.admin.current': '(lopende ronde)',
    'help.admin.noneYet':
      'Deze ronde heeft nog geen eigen contactgegevens. Het formulier toont de gegevens die nu worden getoond.',
    'help.admin.formLabel': 'Contactgegevens van {round}',
    'help.admin.servicedesk': 'Servicedesk',
    'help.admin.servicedeskPhone': 'Telefoonnummer',
    'help.admin.servicedeskEmail': 'E-mailadres',
    'help.admin.hoursNl': 'Openingstijden (Nederlands)',
    'help.admin.hoursEn': 'Openingstijden (Engels)',
    'help.admin.hoursHint': 'Bijvoorbeeld: werkdagen van 8.30 tot 17.00 uur',
    'help.admin.cbs': 'CBS (vragen over de monitor)',
    'help.admin.cbsPhone': 'Telefoonnummer (mag leeg)',
    'help.admin.cbsEmail': 'E-mailadres (mag leeg)',
    'help.admin.save': 'Opslaan',
    'help.admin.saved': 'De contactgegevens zijn opgeslagen.',
    'help.admin.noRounds': 'Er is nog geen ronde; contactgegevens horen bij een ronde.',
    'help.consent.heading': 'Toestemming',
    'help.consent.text':
      'Door aan te leveren geeft {organisation} toestemming dat CBS deze gegevens gebruikt voor onderzoek en publicatie (de Gemeentelijke Monitor Sociaal Domein). CBS publiceert geen gegevens over personen. Intrekken kan in de intrekkingsperiode van de ronde; de gegevens worden dan definitief verwijderd.',
    'help.page.title': 'Hulp',
    'help.page.intro':
      'Hier vindt u hoe u eHerkenning regelt, een snelstart van één pagina, antwoorden op de vragen die het vaakst worden gesteld en voorbeeldbestanden per bestandstype.',
    'help.page.contents': 'Op deze pagina',
    'help.page.contact': 'Contact met de servicedesk',
    'help.page.noContacts': 'De contactgegevens van de servicedesk zijn nog niet ingesteld.',
    'help.eh.title': 'eHerkenning regelen',
    'help.eh.intro':
      'U logt in ggk in met eHerkenning, namens uw gemeente of samenwerkingsverband. ggk vraagt betrouwbaarheidsniveau EH3 (substantieel); met een lager niveau wordt het inloggen geweigerd.',
    'help.eh.step1':
      'Vraag binnen uw organisatie wie eHerkenning beheert (vaak ICT of inkoop). De meeste gemeenten hebben eHerkenning al.',
    'help.eh.step2':
      'Heeft u nog geen eHerkenningsmiddel van niveau EH3 of hoger? Vraag het aan bij een erkende leverancier; de lijst staat op eherkenning.nl.',
    'help.eh.step3':
      'Laat de beheerder u machtigen voor de dienst van CBS voor de aanlevering van de Gemeentelijke Monitor Sociaal Domein (GMSD), op niveau EH3.',
    'help.eh.step4':
      'Meld uw organisatie aan in ggk als gebruikersbeheerder, of vraag de gebruikersbeheerder van uw organisatie om u uit te nodigen. De eerste keer logt u in via de link in de uitnodiging.',
    'help.eh.assumption':
      'Aanname: de precieze naam van de dienst in de dienstencatalogus van eHerkenning hangt af van hoe CBS de dienst daar heeft aangemeld. Vindt uw beheerder hem niet, vraag de servicedesk of CBS naar de naam.',
    'help.eh.assumptionLabel': 'Let op',
    'help.quick.title': 'Snelstart',
    'help.quick.intro': 'Alles op één pagina, om te printen of als PDF te bewaren.',
    'help.quick.open': 'Snelstart bekijken en printen',
    'help.quick.pdf': 'Snelstart als PDF downloaden',
    'help.quick.print': 'Print deze pagina met de printfunctie van uw browser (Ctrl+P of Cmd+P).',
    'help.quick.roundTitle': 'Deze ronde',
    'help.quick.round':
      '{round}: aanleveren van {opens} tot en met {closes}; intrekken van {withdrawalOpens} tot en met {withdrawalCloses}.',
    'help.quick.stepsTitle': 'Zo levert u aan',
    'help.quick.step1':
      'Inloggen: kies Inloggen op de startpagina en log in met eHerkenning (EH3) namens uw organisatie.',
    'help.quick.step2':
      'Aanleveren: kies Aanleveren in het menu, kies uw bestanden (Wmo, Wmo kosten, SBW, Jeugd; CSV of ZIP) en klik op Aanleveren. Uw browser controleert de bestanden al voordat ze worden verstuurd.',
    'help.quick.step3':
      'Ontvangstbewijs: u krijgt direct een nummer (zoals GGK-2018-000002). Noem dat nummer als u contact opneemt.',
    'help.quick.step4':
      'Technisch rapport: meestal binnen enkele minuten. Afgekeurd? Het rapport zegt per bestand wat er mis is; verbeter het bestand en lever opnieuw aan.',
    'help.quick.step5':
      'Op-orde rapport: uiterlijk 2 werkdagen na goedkeuring. U krijgt een e-mail als het klaarstaat.',
    'help.quick.step6':
      'Intrekken: alleen in de intrekkingsperiode, door iemand met de rol Intrekker. De gegevens worden dan definitief verwijderd.',
    'help.quick.filesTitle': 'Bestanden',
    'help.quick.files':
      'Eén CSV-bestand per type, met puntkomma als scheidingsteken, UTF-8, een kopregel en de naam type_gemeentecode_halfjaar.csv, bijvoorbeeld WMO_0363_2017H2.csv. Vergelijk met de voorbeeldbestanden op de hulppagina.',
    'help.quick.contactTitle': 'Hulp',
    'help.quick.pdfFooter': 'ggk snelstart - pagina {page} van {pages}',
    'help.faq.title': 'Veelgestelde vragen',
    'help.faq.login.q': 'Waarom kan ik niet inloggen?',
    'help.faq.login.a1':
      'Controleer dat uw eHerkenningsmiddel niveau EH3 of hoger heeft en dat u gemachtigd bent voor de dienst van CBS voor de Gemeentelijke Monitor Sociaal Domein. Zonder die machtiging of met een lager niveau weigert ggk het inloggen.',
    'help.faq.login.a2':
      'U heeft ook een account in ggk nodig, voor de organisatie waarnamens u inlogt. De eerste keer logt u in via de link uit de uitnodiging; die werkt één keer en is beperkt geldig. Vraag bij een verlopen link de gebruikersbeheerder van uw organisatie om een nieuwe uitnodiging.',
    'help.faq.login.a3':
      'Lukt het dan nog niet, neem contact op met de servicedesk. De servicedesk ziet uw inlogpogingen en de reden waarom ze werden geweigerd.',
    'help.faq.rejected.q': 'Waarom is mijn bestand afgekeurd?',
    'help.faq.rejected.a1':
      'Het technisch rapport zegt per bestand wat er mis is, met het regelnummer en het veld. Veel voorkomend: een bestandsnaam die niet klopt, een ontbrekende of verkeerd gespelde kolom in de kopregel, een ander scheidingsteken dan de puntkomma, datums die niet als JJJJMMDD zijn geschreven, een BSN dat niet door de elfproef komt, of een code die niet in de codelijst staat.',
    'help.faq.rejected.a2':
      'Verbeter het bestand in uw bronsysteem of export en lever opnieuw aan. Alleen goedgekeurde bestanden gaan naar CBS. Vergelijk uw bestand met het voorbeeldbestand van hetzelfde type hieronder.',
    'help.faq.report.q': 'Waarom is mijn rapport nog niet klaar?',
    'help.faq.report.a1':
      'Het technisch rapport is er meestal binnen enkele minuten; bij een heel groot bestand duurt het langer. De pagina van de aanlevering laat zien hoe ver de controle is.',
    'help.faq.report.a2':
      'Het op-orde rapport volgt pas na goedkeuring, uiterlijk 2 werkdagen later. CBS kan een rapport aanhouden; de pagina van de aanlevering zegt dat dan. U krijgt een e-mail zodra het rapport klaarstaat.',
    'help.faq.download.q': 'Ik krijg een foutmelding bij het downloaden',
    'help.faq.download.a1':
      'Rapporten downloaden kan alleen als u bent ingelogd met de rol Rapportontvanger (of Aanleveraar voor het technisch rapport) voor de organisatie van de aanlevering. Bent u een tijd niet actief geweest, dan bent u uitgelogd: log opnieuw in en probeer het nog eens.',
    'help.faq.download.a2':
      'Een rapport dat nog niet klaar is, door CBS is aangehouden of met een intrekking is verwijderd, kan niet worden gedownload; de foutmelding zegt welke van deze het is.',
    'help.faq.download.a3':
      'Blijft de fout, neem dan contact op met de servicedesk en noem het ontvangstbewijs van de aanlevering en de code op de foutpagina. De servicedesk ziet de mislukte downloads.',
    'help.examples.title': 'Voorbeeldbestanden',
    'help.examples.intro':
      'Per bestandstype een klein voorbeeld dat de technische controle goedkeurt, gemaakt met de generator van ggk voor {halfYear} en gemeente {gemeente}. De gegevens zijn verzonnen: de BSN’s zijn door de generator gemaakte nummers die de elfproef doorstaan (de controle keurt BSN’s uit de testreeks af), niet uit een administratie. Gebruik de bestanden om uw eigen bestanden mee te vergelijken; lever ze niet aan.',
    'help.examples.none': 'Er is nog geen ronde, dus ook nog geen voorbeeldbestanden.',
    'help.examples.login': 'Log in om de voorbeeldbestanden te downloaden',
    'help.examples.loginWhy':
      'De BSN’s in de voorbeeldbestanden doorstaan de elfproef en kunnen dus ook bij echte personen horen. Daarom staan de bestanden niet openbaar op internet, maar kan iedereen die is ingelogd ze downloaden.',
    'help.examples.link': 'Voorbeeld {type} downloaden ({file}, {rows} records)',
  },
  en: {
    'help.contacts.label': 'Contact',
    'help.contacts.servicedesk': 'ggk service desk: call {phone} or e-mail {email} ({hours}).',
    'help.contacts.cbs':
      'Questions about the monitor itself or about what CBS does with the data: CBS, {contact}.',
    'help.contacts.or': 'or',
    'help.contacts.errorNote':
      'Still stuck? Contact the ggk service desk: call {phone} or e-mail {email} ({hours}).',
    'help.contacts.errorNoteNone': 'Still stuck? See {link}.',
    'help.contacts.errorNoteLink': 'help and frequently asked questions',
    'help.mail.servicedesk': 'Questions? ggk service desk: {phone}, {email} ({hours}).',
    'help.mail.cbs': 'Questions about the monitor: CBS, {contact}.',
    'help.mail.help': 'Help and frequently asked questions: {link}',
    'help.nav': 'Help',
    'help.admin.nav': 'Contact details',
    'help.admin.title': 'Contact details per round',
    'help.admin.intro':
      'These details are shown at the bottom of every page, on every error page and below every e-mail from ggk. ggk shows those of the current round; if it has none yet, those of the latest round with contact details.',
    'help.admin.round': 'Round',
    'help.admin.chooseRound': 'Show round',
    'help.admin.roundLabel': 'Choose a round',
    'help.admin.current': '(current round)',
    'help.admin.noneYet':
      'This round has no contact details of its own yet. The form shows the details that are shown now.',
    'help.admin.formLabel': 'Contact details of {round}',
    'help.admin.servicedesk': 'Service desk',
    'help.admin.servicedeskPhone': 'Phone number',
    'help.admin.servicedeskEmail': 'E-mail address',
    'help.admin.hoursNl': 'Opening hours (Dutch)',
    'help.admin.hoursEn': 'Opening hours (English)',
    'help.admin.hoursHint': 'For example: working days from 8:30 to 17:00',
    'help.admin.cbs': 'CBS (questions about the monitor)',
    'help.admin.cbsPhone': 'Phone number (may be empty)',
    'help.admin.cbsEmail': 'E-mail address (may be empty)',
    'help.admin.save': 'Save',
    'help.admin.saved': 'The contact details have been saved.',
    'help.admin.noRounds': 'There is no round yet; contact details belong to a round.',
    'help.consent.heading': 'Consent',
    'help.consent.text':
      'By delivering, {organisation} consents to CBS using these data for research and publication (the Municipal Social Domain Monitor). CBS publishes no data about individual persons. Consent can be withdrawn in the round’s withdrawal period; the data are then permanently deleted.',
    'help.page.title': 'Help',
    'help.page.intro':
      'Here you find how to arrange eHerkenning, a one-page quick reference, answers to the most frequently asked questions and example files per file type.',
    'help.page.contents': 'On this page',
    'help.page.contact': 'Contacting the service desk',
    'help.page.noContacts': 'The service desk’s contact details have not been set yet.',
    'help.eh.title': 'Arranging eHerkenning',
    'help.eh.intro':
      'You log in to ggk with eHerkenning, on behalf of your municipality or collaboration. ggk asks for assurance level EH3 (substantial); a lower level is refused.',
    'help.eh.step1':
      'Ask within your organisation who manages eHerkenning (often IT or purchasing). Most municipalities already have eHerkenning.',
    'help.eh.step2':
      'No eHerkenning means of level EH3 or higher yet? Apply for one with an approved supplier; the list is on eherkenning.nl.',
    'help.eh.step3':
      'Have the administrator authorise you for the CBS service for delivering the Municipal Social Domain Monitor (GMSD), at level EH3.',
    'help.eh.step4':
      'Register your organisation in ggk as user administrator, or ask your organisation’s user administrator to invite you. The first time, you log in through the link in the invitation.',
    'help.eh.assumption':
      'Assumption: the exact name of the service in the eHerkenning service catalogue depends on how CBS registered it there. If your administrator cannot find it, ask the service desk or CBS for the name.',
    'help.eh.assumptionLabel': 'Note',
    'help.quick.title': 'Quick reference',
    'help.quick.intro': 'Everything on one page, to print or to keep as a PDF.',
    'help.quick.open': 'View and print the quick reference',
    'help.quick.pdf': 'Download the quick reference as PDF',
    'help.quick.print': 'Print this page with your browser’s print function (Ctrl+P or Cmd+P).',
    'help.quick.roundTitle': 'This round',
    'help.quick.round':
      '{round}: delivering from {opens} up to and including {closes}; withdrawing from {withdrawalOpens} up to and including {withdrawalCloses}.',
    'help.quick.stepsTitle': 'How to deliver',
    'help.quick.step1':
      'Log in: choose Log in on the home page and log in with eHerkenning (EH3) on behalf of your organisation.',
    'help.quick.step2':
      'Deliver: choose Deliver in the menu, choose your files (Wmo, Wmo costs, SBW, Youth; CSV or ZIP) and click Deliver. Your browser checks the files before they are sent.',
    'help.quick.step3':
      'Receipt: you get a number at once (such as GGK-2018-000002). Quote that number when you contact us.',
    'help.quick.step4':
      'Technical report: usually within a few minutes. Rejected? The report says per file what is wrong; correct the file and deliver again.',
    'help.quick.step5':
      'Content report: at the latest 2 working days after approval. You get an e-mail when it is ready.',
    'help.quick.step6':
      'Withdrawing: only in the withdrawal period, by someone with the Withdrawer role. The data are then permanently deleted.',
    'help.quick.filesTitle': 'Files',
    'help.quick.files':
      'One CSV file per type, with semicolons as separators, UTF-8, a header line and the name type_municipalitycode_halfyear.csv, for example WMO_0363_2017H2.csv. Compare with the example files on the help page.',
    'help.quick.contactTitle': 'Help',
    'help.quick.pdfFooter': 'ggk quick reference - page {page} of {pages}',
    'help.faq.title': 'Frequently asked questions',
    'help.faq.login.q': 'Why can’t I log in?',
    'help.faq.login.a1':
      'Check that your eHerkenning means has level EH3 or higher and that you are authorised for the CBS service for the Municipal Social Domain Monitor. Without that authorisation or with a lower level, ggk refuses the login.',
    'help.faq.login.a2':
      'You also need an account in ggk, for the organisation you log in for. The first time, you log in through the link in the invitation; it works once and for a limited time. If the link has expired, ask your organisation’s user administrator for a new invitation.',
    'help.faq.login.a3':
      'If it still fails, contact the service desk. The service desk sees your login attempts and why they were refused.',
    'help.faq.rejected.q': 'Why was my file rejected?',
    'help.faq.rejected.a1':
      'The technical report says per file what is wrong, with the line number and the field. Common causes: a file name that does not fit, a missing or misspelt column in the header line, another separator than the semicolon, dates not written as YYYYMMDD, a BSN that fails the eleven test, or a code that is not in the code list.',
    'help.faq.rejected.a2':
      'Correct the file in your source system or export and deliver again. Only approved files go to CBS. Compare your file with the example file of the same type below.',
    'help.faq.report.q': 'Why is my report not ready?',
    'help.faq.report.a1':
      'The technical report is usually there within a few minutes; a very large file takes longer. The delivery’s page shows how far the check has got.',
    'help.faq.report.a2':
      'The content report only follows approval, at the latest 2 working days later. CBS may hold a report; the delivery’s page then says so. You get an e-mail as soon as the report is ready.',
    'help.faq.download.q': 'I get an error when downloading',
    'help.faq.download.a1':
      'Reports can only be downloaded when you are logged in with the Report recipient role (or Deliverer for the technical report) for the delivery’s organisation. If you have been inactive for a while, you have been logged out: log in again and try once more.',
    'help.faq.download.a2':
      'A report that is not ready yet, is held by CBS or was deleted by a withdrawal cannot be downloaded; the error message says which of these it is.',
    'help.faq.download.a3':
      'If the error persists, contact the service desk and quote the delivery’s receipt and the code on the error page. The service desk sees failed downloads.',
    'help.examples.title': 'Example files',
    'help.examples.intro':
      'Per file type a small example that the technical check approves, made with ggk’s generator for {halfYear} and municipality {gemeente}. The data are made up: the BSNs are numbers made by the generator that pass the eleven test (the check rejects BSNs from the test range), not taken from any administration. Use the files to compare your own files with; do not deliver them.',
    'help.examples.none': 'There is no round yet, so there are no example files yet.',
    'help.examples.login': 'Log in to download the example files',
    'help.examples.loginWhy':
      'The BSNs in the example files pass the eleven test and may therefore also belong to real people. That is why the files are not public on the internet; anyone who is logged in can download them.',
    'help.examples.link': 'Download example {type} ({file}, {rows} records)',
  },
});
