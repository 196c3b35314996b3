// The one message catalogue per language, assembled from the area files in messages/. To add an
// area: write messages/<area>.ts with defineMessages({ nl: {...}, en: {...} }) and add it to AREAS.
// Keys are namespaced by area ('deliveries.upload.title'); a key defined twice stops the app at start.
import type { MessageArea } from './define.ts';
import common from './messages/common.ts';
import layout from './messages/layout.ts';
import accessibility from './messages/accessibility.ts';
import reports from './messages/reports.ts';
import monitoring from './messages/monitoring.ts';
import deliveries from './messages/deliveries.ts';
import findings from './messages/findings.ts';
import findingDetails from './messages/finding-details.ts';
import home from './messages/home.ts';
import account from './messages/account.ts';
import mail from './messages/mail.ts';
import admin from './messages/admin.ts';
import withdrawal from './messages/withdrawal.ts';
import feedback from './messages/feedback.ts';
import organisation from './messages/organisation.ts';
import audit from './messages/audit.ts';
import servicedesk from './messages/servicedesk.ts';
import handover from './messages/handover.ts';
import cbsReports from './messages/cbs-reports.ts';
import cbsTokens from './messages/cbs-tokens.ts';
import help from './messages/help.ts';

const AREAS = [
  common,
  layout,
  accessibility,
  reports,
  monitoring,
  deliveries,
  findings,
  findingDetails,
  home,
  account,
  mail,
  admin,
  withdrawal,
  feedback,
  organisation,
  audit,
  servicedesk,
  handover,
  cbsReports,
  cbsTokens,
  help,
] as const;

type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void
  ? I
  : never;

/** The Dutch catalogue as a type: every key with its literal text (for typed placeholders). */
export type DutchCatalogue = UnionToIntersection<(typeof AREAS)[number]['nl']>;
export type MessageKey = keyof DutchCatalogue & string;

function merge(areas: ReadonlyArray<MessageArea<Record<string, string>>>) {
  const nl: Record<string, string> = {};
  const en: Record<string, string> = {};
  for (const area of areas) {
    for (const [key, text] of Object.entries(area.nl)) {
      if (Object.hasOwn(nl, key)) throw new Error(`Berichtsleutel "${key}" staat twee keer in de catalogus.`);
      nl[key] = text;
    }
    Object.assign(en, area.en);
  }
  return { nl, en };
}

export const CATALOGUES = merge(AREAS as unknown as ReadonlyArray<MessageArea<Record<string, string>>>);
