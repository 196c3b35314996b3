// The hand-over to CBS: the API's refusals, the audit words, the timeline and the CBS pages.
import { defineMessages } from '../define.ts';

export default defineMessages({
  nl: {
    'handover.timeline.received': 'Ontvangen door CBS op {date}.',
    'handover.timeline.erased': 'CBS heeft de verwijdering bevestigd op {date}.',
    'handover.verdicts.title': 'Oordeel van CBS',
    'handover.verdicts.intro':
      'De controle van ggk is de directe voorcontrole; het oordeel van CBS is beslissend. Een bestand dat CBS afkeurt, telt niet meer mee.',
    'handover.verdicts.approved': '{name}: goedgekeurd door CBS',
    'handover.verdicts.rejected': '{name}: afgekeurd door CBS',
    'handover.verdicts.line': 'regel {line}',
    'mail.cbsRejected.subject': 'CBS heeft een bestand van aanlevering {receipt} afgekeurd',
    'mail.cbsRejected.body':
      'Beste {name},\n\nCBS heeft bij zijn eigen controle een of meer bestanden van aanlevering {receipt} afgekeurd. Het oordeel van CBS is beslissend: een afgekeurd bestand telt niet meer mee.\n\nU ziet de bevindingen van CBS na inloggen op:\n{link}\n\nDeze e-mail bevat bewust geen gegevens uit het bestand.',
    'mail.cbsContentReport.subject': 'Op-orde rapport van CBS voor aanlevering {receipt}',
    'mail.cbsContentReport.body':
      'Beste {name},\n\nCBS heeft een op-orde rapport geplaatst bij aanlevering {receipt}.\n\nU vindt het na inloggen op:\n{link}\n\nDeze e-mail bevat bewust geen gegevens uit het bestand.',
    'audit.actions.cbs.file_fetched': 'Bestand opgehaald door CBS',
    'audit.actions.cbs.receipt_recorded': 'Ontvangst bevestigd door CBS',
    'audit.actions.cbs.verdict_recorded': 'Oordeel van CBS vastgelegd',
    'audit.actions.cbs.content_report_uploaded': 'Op-orde rapport van CBS geplaatst',
    'audit.actions.cbs.erasure_confirmed': 'Verwijdering bevestigd door CBS',
    'audit.actions.cbs.report_setting_changed': 'Instelling op-orde rapport van CBS gewijzigd',
    'audit.actions.regular_route.marked': 'Geleverd via de reguliere route vastgelegd',
    'audit.actions.regular_route.unmarked': 'Reguliere route ongedaan gemaakt',
  },
  en: {
    'handover.timeline.received': 'Received by CBS on {date}.',
    'handover.timeline.erased': 'CBS confirmed the erasure on {date}.',
    'handover.verdicts.title': "CBS's verdict",
    'handover.verdicts.intro':
      "ggk's check is the instant pre-check; CBS's verdict is final. A file CBS rejects no longer counts.",
    'handover.verdicts.approved': '{name}: approved by CBS',
    'handover.verdicts.rejected': '{name}: rejected by CBS',
    'handover.verdicts.line': 'line {line}',
    'mail.cbsRejected.subject': 'CBS rejected a file of delivery {receipt}',
    'mail.cbsRejected.body':
      "Dear {name},\n\nIn its own check CBS rejected one or more files of delivery {receipt}. CBS's verdict is final: a rejected file no longer counts.\n\nYou can see CBS's findings after logging in at:\n{link}\n\nThis e-mail deliberately contains no data from the file.",
    'mail.cbsContentReport.subject': 'Op-orde report from CBS for delivery {receipt}',
    'mail.cbsContentReport.body':
      'Dear {name},\n\nCBS has placed an op-orde report with delivery {receipt}.\n\nYou find it after logging in at:\n{link}\n\nThis e-mail deliberately contains no data from the file.',
    'audit.actions.cbs.file_fetched': 'File fetched by CBS',
    'audit.actions.cbs.receipt_recorded': 'Receipt acknowledged by CBS',
    'audit.actions.cbs.verdict_recorded': "CBS's verdict recorded",
    'audit.actions.cbs.content_report_uploaded': "CBS's op-orde report placed",
    'audit.actions.cbs.erasure_confirmed': 'Erasure confirmed by CBS',
    'audit.actions.cbs.report_setting_changed': "Setting for CBS's op-orde report changed",
    'audit.actions.regular_route.marked': 'Delivered via the regular route recorded',
    'audit.actions.regular_route.unmarked': 'Regular route undone',
  },
});
