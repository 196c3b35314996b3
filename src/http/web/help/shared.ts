// The help section (issue 20): public pages, the example files the generator makes for the current
// round (for logged-in users), and the quick reference as data that both its printable page and its PDF are made from.
import { findSpec } from '../../../modules/specs/index.ts';
import { FILE_TYPES, type FileType } from '../../../modules/validation/index.ts';
import { planDelivery } from '../../../modules/validation/generate/index.ts';
import { formatDate, type Locale, type Translate } from '../../../modules/i18n/index.ts';
import type { Round, RoundContacts } from '../../../modules/periods/index.ts';

export const PUBLIC = { access: { kind: 'public' } } as const;
/** The example files: any logged-in user, whatever the role (their BSNs pass the elfproef). */
export const LOGGED_IN = { access: { kind: 'authenticated' } } as const;

/** The gemeente the example files are made for: Amsterdam, in every indeling. */
export const EXAMPLE_GEMEENTE = { code: '0363', name: 'Amsterdam' } as const;
const EXAMPLE_ROWS = 20;

export interface ExampleFile {
  type: FileType;
  fileName: string;
  rows: number;
  bytes: Buffer;
}

/**
 * A small file of this type for the round's half year, made by ggk's generator (seeded, so the same
 * on every request) with the made-up BSNs it makes (elfproef-valid, outside the test range, which the
 * check rejects); undefined when the round's spec lacks the type.
 */
export function exampleFile(round: Round, type: FileType): ExampleFile | undefined {
  const spec = findSpec(round.specVersion);
  if (!spec || !spec.fileTypes.some((f) => f.type === type)) return undefined;
  const plan = planDelivery({
    spec,
    type,
    gemeente: EXAMPLE_GEMEENTE.code,
    period: round.halfYear,
    rows: EXAMPLE_ROWS,
    seed: `voorbeeld:${type}`,
    lineEnding: '\r\n',
  });
  return { type, fileName: plan.fileName, rows: plan.rows, bytes: Buffer.concat([...plan.chunks()]) };
}

export function exampleFiles(round: Round): ExampleFile[] {
  return FILE_TYPES.map((type) => exampleFile(round, type)).filter((f): f is ExampleFile => !!f);
}

export interface QuickSection {
  title: string;
  paragraphs: string[];
  steps?: string[];
}

/** The quick reference (snelstart): one page, the same for the printable page and the PDF. */
export function quickReference(
  t: Translate,
  locale: Locale,
  round: Round | undefined,
  contacts: RoundContacts | undefined,
): QuickSection[] {
  const sections: QuickSection[] = [];
  if (round)
    sections.push({
      title: t('help.quick.roundTitle'),
      paragraphs: [
        t('help.quick.round', {
          round: round.name,
          opens: formatDate(locale, round.deliveryOpensAt),
          closes: formatDate(locale, round.deliveryClosesAt),
          withdrawalOpens: formatDate(locale, round.withdrawalOpensAt),
          withdrawalCloses: formatDate(locale, round.withdrawalClosesAt),
        }),
      ],
    });
  sections.push({
    title: t('help.quick.stepsTitle'),
    paragraphs: [],
    steps: [
      t('help.quick.step1'),
      t('help.quick.step2'),
      t('help.quick.step3'),
      t('help.quick.step4'),
      t('help.quick.step5'),
      t('help.quick.step6'),
    ],
  });
  sections.push({ title: t('help.quick.filesTitle'), paragraphs: [t('help.quick.files')] });
  const cbs = contacts && [contacts.cbs.phone, contacts.cbs.email].filter((v): v is string => !!v);
  sections.push({
    title: t('help.quick.contactTitle'),
    paragraphs: contacts
      ? [
          t('help.contacts.servicedesk', {
            phone: contacts.servicedesk.phone,
            email: contacts.servicedesk.email,
            hours: contacts.servicedesk.hours[locale],
          }),
          ...(cbs && cbs.length > 0
            ? [t('help.contacts.cbs', { contact: cbs.join(` ${t('help.contacts.or')} `) })]
            : []),
        ]
      : [t('help.page.noContacts')],
  });
  return sections;
}
