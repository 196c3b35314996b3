// Issue 20: the servicedesk names every kind of download in words, in both languages, instead of
// printing the stored code (`content_report_csv`). The list below must name every DownloadKind:
// a new kind fails tsc here until it is added, and then this test until it has its labels.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DownloadKind } from '../../../modules/deliveries/index.ts';
import { CATALOGUES } from '../../../modules/i18n/index.ts';

const KINDS = [
  'technical_report_json',
  'technical_report_csv',
  'technical_report_html',
  'content_report_html',
  'content_report_pdf',
  'content_report_csv',
  'content_report_json',
  'cbs_content_report_pdf',
] as const satisfies readonly DownloadKind[];
const everyKind: [Exclude<DownloadKind, (typeof KINDS)[number]>] extends [never] ? true : false = true;

test('every kind of download has a label on the servicedesk and delivery pages, in Dutch and English', () => {
  assert.equal(everyKind, true);
  for (const locale of ['nl', 'en'] as const) {
    for (const kind of KINDS) {
      for (const key of [`servicedesk.download.${kind}`, `deliveries.download.${kind}`]) {
        const label: unknown = (CATALOGUES[locale] as Record<string, string>)[key];
        assert.equal(typeof label, 'string', `${locale} ${key}`);
        assert.doesNotMatch(label as string, /_/, `${locale} ${key} is words, not a code`);
      }
    }
  }
});
