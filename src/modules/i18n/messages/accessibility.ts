// The accessibility statement (toegankelijkheidsverklaring), on the model of digitoegankelijk.nl:
// status with date and responsible body, the evaluation and its evidence, known problems with planned
// fixes, a contact route and the complaints route (Nationale ombudsman).
import { defineMessages } from '../define.ts';

export default defineMessages({
  nl: {
    'accessibility.title': 'Toegankelijkheidsverklaring',
    // The heading with a soft hyphen: at 320 px the word breaks as "Toegankelijkheids-/verklaring".
    'accessibility.heading': 'Toegankelijkheids\u00ADverklaring',
    'accessibility.intro':
      '{operator} wil dat iedereen ggk kan gebruiken: met toetsenbord, schermlezer, vergroting of spraakbesturing, in het Nederlands en in het Engels. Deze verklaring geldt voor alle pagina’s van ggk en voor de documenten die ggk zelf maakt: het op-orde rapport als pagina, als PDF en als CSV.',
    'accessibility.target.title': 'Ons doel: WCAG 2.1 niveau AA',
    'accessibility.target.text':
      'ggk moet voldoen aan de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA, zoals de Nederlandse overheid voorschrijft (Besluit digitale toegankelijkheid overheid, EN 301 549). Documenten volgen PDF/UA.',
    'accessibility.status.title': 'Nalevingsstatus',
    'accessibility.status.label': 'Status',
    'accessibility.status.value': 'B – voldoet gedeeltelijk',
    'accessibility.status.basisLabel': 'Grondslag',
    'accessibility.status.basis':
      'Eigen verklaring, onderbouwd met een onafhankelijk onderzoek en met automatische tests',
    'accessibility.status.dateLabel': 'Opgesteld en laatst herzien',
    'accessibility.status.responsibleLabel': 'Verantwoordelijke organisatie',
    'accessibility.status.why':
      'Een onafhankelijk onderzoek vond afwijkingen van WCAG 2.1 AA. Die zijn hersteld, maar een herinspectie die bevestigt dat ggk nu aan alle eisen voldoet is nog niet gedaan. Daarom claimen wij status A (voldoet volledig) nog niet. Wat nog openstaat staat hieronder, met oorzaak, gevolg, maatregel en datum.',
    'accessibility.status.explain': 'Uitleg over de statussen A tot en met E vindt u op {link}.',
    'accessibility.evaluation.title': 'Onderzoek en onderbouwing',
    'accessibility.evaluation.audit.title': 'Onafhankelijk onderzoek',
    'accessibility.evaluation.audit.text':
      'Een onafhankelijke deskundige heeft ggk in 2026 getoetst op WCAG 2.1 AA, met de hand en met hulpmiddelen, in het Nederlands en het Engels. Gevonden en daarna hersteld:',
    'accessibility.evaluation.audit.reflow':
      'pagina’s die bij 320 pixels breedte of 200 % zoom zijwaarts scrolden (succescriterium 1.4.10);',
    'accessibility.evaluation.audit.timing':
      'een sessie die zonder waarschuwing afliep, waarbij ingevulde tekst verloren ging (2.2.1);',
    'accessibility.evaluation.audit.pdf':
      'een op-orde PDF zonder structuur, zonder ingesloten lettertypen en met de verkeerde taal (1.3.1, 3.1.1, PDF/UA);',
    'accessibility.evaluation.audit.screenReader':
      'schermlezermeldingen die het hele controlerapport voorlazen, en Nederlandse namen op Engelse pagina’s zonder taalaanduiding (4.1.3, 3.1.2);',
    'accessibility.evaluation.audit.focus': 'invoervelden zonder zichtbare focus (2.4.7).',
    'accessibility.evaluation.tests.title': 'Automatische tests bij elke wijziging',
    'accessibility.evaluation.tests.axe':
      'Bij elke wijziging van de software opent een echte browser (Chromium) de pagina’s van ggk, in het Nederlands en het Engels. Op elke bezochte pagina draait axe-core met alle WCAG 2.0- en 2.1-regels van niveau A en AA, op 1280 en op 320 pixels breed; één overtreding laat de test mislukken.',
    'accessibility.evaluation.tests.reflow':
      'Op 320 pixels breed controleert de test ook dat de pagina niet breder is dan het venster, zodat niemand zijwaarts hoeft te scrollen.',
    'accessibility.evaluation.tests.keyboard':
      'Het aanleveren van bestanden wordt in die tests alleen met het toetsenbord gedaan, van het kiezen van de bestanden tot het ontvangstbewijs.',
    'accessibility.evaluation.tests.pdf':
      'De op-orde PDF wordt gecontroleerd op een structuur met koppen, tabellen met kopcellen en grafieken met een tekstalternatief, op de taal van elke versie, op het PDF/UA-kenmerk en op ingesloten lettertypen.',
    'accessibility.evaluation.tests.design':
      'De pagina’s zijn gebouwd met componenten en design tokens van NL Design System, hebben een link om direct naar de inhoud te gaan, een kruimelpad, een paginatitel met de naam van de pagina en de organisatie, en een foutoverzicht bovenaan elk formulier met links naar de velden.',
    'accessibility.evaluation.tests.nojs':
      'Alles wat nodig is werkt ook zonder JavaScript; JavaScript voegt alleen gemak toe, zoals de controle van bestanden in de browser en uploads die na een verbroken verbinding verdergaan.',
    'accessibility.evaluation.limits':
      'Automatische tests vinden niet alle problemen: of een tekstalternatief klopt of een volgorde logisch is, beoordeelt een mens. Daarom is de herinspectie nodig.',
    'accessibility.problems.title': 'Bekende problemen en geplande oplossingen',
    'accessibility.problems.reinspection':
      'Herinspectie: de herstelde afwijkingen zijn nog niet door een onafhankelijke deskundige opnieuw getoetst. Gevolg: de status blijft B. Maatregel: herinspectie van alle 50 eisen, gepland vóór 1 april 2027.',
    'accessibility.problems.pdfValidator':
      'De op-orde PDF is gecontroleerd met onze eigen tests, nog niet met een PDF/UA-validator (veraPDF) of door iemand die een schermlezer gebruikt. Gevolg: fouten die alleen zo zichtbaar worden kunnen er nog in zitten. Maatregel: controle met veraPDF en met NVDA vóór 1 maart 2027.',
    'accessibility.problems.cbsPdf':
      'Het eigen op-orde rapport van CBS is een PDF die CBS maakt en die ggk ongewijzigd doorgeeft; ggk kan die niet toegankelijk maken (inhoud van derden). Gevolg: dat document is met een schermlezer misschien niet goed te lezen. Maatregel: wij vragen CBS om een toegankelijke PDF; dezelfde cijfers staan in het op-orde rapport van ggk, als toegankelijke pagina, PDF en CSV.',
    'accessibility.contact.title': 'Toegankelijkheidsprobleem melden',
    'accessibility.contact.text':
      'Loopt u tegen een probleem aan, of wilt u een document in een andere vorm? Mail naar {email}. Wij bevestigen uw bericht binnen 5 werkdagen en laten u binnen 2 weken weten wat wij doen.',
    'accessibility.complaint.title': 'Klacht indienen',
    'accessibility.complaint.text':
      'Bent u niet tevreden met ons antwoord, of krijgt u geen antwoord binnen die termijn? Dan kunt u een klacht indienen bij de {ombudsman}.',
    'accessibility.complaint.ombudsman': 'Nationale ombudsman',
  },
  en: {
    'accessibility.title': 'Accessibility statement',
    'accessibility.heading': 'Accessibility statement',
    'accessibility.intro':
      '{operator} wants everyone to be able to use ggk: with a keyboard, a screen reader, magnification or voice control, in Dutch and in English. This statement covers every page of ggk and the documents ggk makes itself: the content report as a page, as a PDF and as CSV.',
    'accessibility.target.title': 'Our target: WCAG 2.1 level AA',
    'accessibility.target.text':
      'ggk must meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA, as required of the Dutch government (Besluit digitale toegankelijkheid overheid, EN 301 549). Documents follow PDF/UA.',
    'accessibility.status.title': 'Compliance status',
    'accessibility.status.label': 'Status',
    'accessibility.status.value': 'B – partially compliant',
    'accessibility.status.basisLabel': 'Basis',
    'accessibility.status.basis':
      'Our own statement, supported by an independent audit and by automated tests',
    'accessibility.status.dateLabel': 'Drawn up and last reviewed',
    'accessibility.status.responsibleLabel': 'Responsible organisation',
    'accessibility.status.why':
      'An independent audit found failures of WCAG 2.1 AA. They have been fixed, but a re-inspection confirming that ggk now meets every requirement has not been done yet. That is why we do not claim status A (fully compliant) yet. What is still open is listed below, with its cause, consequence, measure and date.',
    'accessibility.status.explain': 'The statuses A to E are explained (in Dutch) on {link}.',
    'accessibility.evaluation.title': 'Evaluation and evidence',
    'accessibility.evaluation.audit.title': 'Independent audit',
    'accessibility.evaluation.audit.text':
      'An independent expert audited ggk against WCAG 2.1 AA in 2026, by hand and with tools, in Dutch and in English. Found and since fixed:',
    'accessibility.evaluation.audit.reflow':
      'pages that scrolled sideways at 320 pixels wide or at 200 % zoom (success criterion 1.4.10);',
    'accessibility.evaluation.audit.timing':
      'a session that ended without warning, losing the text typed (2.2.1);',
    'accessibility.evaluation.audit.pdf':
      'a content report PDF without structure, without embedded fonts and in the wrong language (1.3.1, 3.1.1, PDF/UA);',
    'accessibility.evaluation.audit.screenReader':
      'screen reader announcements that read out the whole check report, and Dutch names on English pages without a language mark (4.1.3, 3.1.2);',
    'accessibility.evaluation.audit.focus': 'text fields without a visible focus (2.4.7).',
    'accessibility.evaluation.tests.title': 'Automated tests on every change',
    'accessibility.evaluation.tests.axe':
      'On every change of the software, a real browser (Chromium) opens the pages of ggk, in Dutch and in English. On every page visited, axe-core runs all WCAG 2.0 and 2.1 level A and AA rules, at 1280 and at 320 pixels wide; a single violation fails the test.',
    'accessibility.evaluation.tests.reflow':
      'At 320 pixels wide the test also checks that the page is no wider than the window, so nobody has to scroll sideways.',
    'accessibility.evaluation.tests.keyboard':
      'In those tests, delivering files is done with the keyboard only, from choosing the files to the receipt.',
    'accessibility.evaluation.tests.pdf':
      'The content report PDF is checked for a structure with headings, tables with header cells and charts with a text alternative, for the language of each version, for the PDF/UA identifier and for embedded fonts.',
    'accessibility.evaluation.tests.design':
      'The pages are built with NL Design System components and design tokens, have a link to skip to the content, breadcrumbs, a page title naming the page and the organisation, and an error summary at the top of every form with links to the fields.',
    'accessibility.evaluation.tests.nojs':
      'Everything essential also works without JavaScript; JavaScript only adds convenience, such as checking files in the browser and uploads that continue after a broken connection.',
    'accessibility.evaluation.limits':
      'Automated tests do not find every problem: whether a text alternative is right or an order makes sense takes a person to judge. That is why the re-inspection is needed.',
    'accessibility.problems.title': 'Known problems and planned fixes',
    'accessibility.problems.reinspection':
      'Re-inspection: the fixed failures have not yet been audited again by an independent expert. Consequence: the status stays B. Measure: a re-inspection of all 50 requirements, planned before 1 April 2027.',
    'accessibility.problems.pdfValidator':
      'The content report PDF has been checked by our own tests, not yet by a PDF/UA validator (veraPDF) or by someone who uses a screen reader. Consequence: faults that only show that way may remain. Measure: a check with veraPDF and with NVDA before 1 March 2027.',
    'accessibility.problems.cbsPdf':
      "CBS's own content report is a PDF that CBS makes and ggk passes on unchanged; ggk cannot make it accessible (third-party content). Consequence: that document may not read well with a screen reader. Measure: we ask CBS for an accessible PDF; the same figures are in ggk's content report, as an accessible page, PDF and CSV.",
    'accessibility.contact.title': 'Report an accessibility problem',
    'accessibility.contact.text':
      'If you run into a problem, or want a document in another form, e-mail {email}. We confirm your message within 5 working days and tell you within 2 weeks what we will do.',
    'accessibility.complaint.title': 'Make a complaint',
    'accessibility.complaint.text':
      'If you are not satisfied with our answer, or get no answer within that time, you can complain to the {ombudsman} (National Ombudsman).',
    'accessibility.complaint.ombudsman': 'Nationale ombudsman',
  },
});
