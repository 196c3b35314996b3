// The accessibility statement (toegankelijkheidsverklaring).
import { defineMessages } from '../define.ts';

export default defineMessages({
  nl: {
    'accessibility.title': 'Toegankelijkheidsverklaring',
    'accessibility.intro':
      'Wij willen dat iedereen ggk kan gebruiken: met toetsenbord, schermlezer, vergroting of spraakbesturing, in het Nederlands en in het Engels.',
    'accessibility.target.title': 'Ons doel: WCAG 2.1 niveau AA',
    'accessibility.target.text':
      'ggk moet voldoen aan de Web Content Accessibility Guidelines (WCAG) 2.1 op niveau AA, zoals de Nederlandse overheid voorschrijft (Besluit digitale toegankelijkheid overheid, EN 301 549).',
    'accessibility.how.title': 'Hoe wij dit controleren',
    'accessibility.how.axe':
      'Bij elke wijziging van de software opent een echte browser (Chromium) de pagina’s van ggk in geautomatiseerde tests. Op elke bezochte pagina draait axe-core met alle WCAG 2.0 en 2.1 A- en AA-regels; één overtreding laat de test mislukken.',
    'accessibility.how.keyboard':
      'Het aanleveren van bestanden wordt in die tests alleen met het toetsenbord gedaan, van het kiezen van de bestanden tot het ontvangstbewijs.',
    'accessibility.how.design':
      'De pagina’s zijn gebouwd met componenten en design tokens van NL Design System, hebben een link om direct naar de inhoud te gaan, een kruimelpad, een paginatitel met de naam van de pagina en de organisatie, en een foutoverzicht bovenaan elk formulier met links naar de velden.',
    'accessibility.how.nojs':
      'Alles wat nodig is werkt ook zonder JavaScript; JavaScript voegt alleen gemak toe, zoals de controle van bestanden in de browser en uploads die na een verbroken verbinding verdergaan.',
    'accessibility.limits.title': 'Wat automatische tests niet zien',
    'accessibility.limits.text':
      'Automatische controles vinden niet alle problemen. Een volledige handmatige toets door een onafhankelijke deskundige is nog niet gedaan; tot die tijd is de status: gedeeltelijk voldoet (nog niet onafhankelijk getoetst).',
    'accessibility.contact.title': 'Iets niet toegankelijk?',
    'accessibility.contact.text':
      'Loopt u tegen een probleem aan, neem dan contact op met de servicedesk van ggk. Wij antwoorden binnen 5 werkdagen.',
  },
  en: {
    'accessibility.title': 'Accessibility statement',
    'accessibility.intro':
      'We want everyone to be able to use ggk: with a keyboard, a screen reader, magnification or voice control, in Dutch and in English.',
    'accessibility.target.title': 'Our target: WCAG 2.1 level AA',
    'accessibility.target.text':
      'ggk must meet the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA, as required of the Dutch government (Besluit digitale toegankelijkheid overheid, EN 301 549).',
    'accessibility.how.title': 'How we check this',
    'accessibility.how.axe':
      'On every change of the software, a real browser (Chromium) opens the pages of ggk in automated tests. On every page visited, axe-core runs all WCAG 2.0 and 2.1 A and AA rules; a single violation fails the test.',
    'accessibility.how.keyboard':
      'In those tests, delivering files is done with the keyboard only, from choosing the files to the receipt.',
    'accessibility.how.design':
      'The pages are built with NL Design System components and design tokens, have a link to skip to the content, breadcrumbs, a page title naming the page and the organisation, and an error summary at the top of every form with links to the fields.',
    'accessibility.how.nojs':
      'Everything essential also works without JavaScript; JavaScript only adds convenience, such as checking files in the browser and uploads that continue after a broken connection.',
    'accessibility.limits.title': 'What automated tests do not see',
    'accessibility.limits.text':
      'Automated checks do not find every problem. A full manual audit by an independent expert has not been done yet; until then the status is: partially compliant (not yet independently audited).',
    'accessibility.contact.title': 'Something not accessible?',
    'accessibility.contact.text':
      'If you run into a problem, please contact the ggk service desk. We answer within 5 working days.',
  },
});
