// An op-orde report built from generated deliveries without a database: the same pure steps the
// job takes (figures, comparisons, warnings), for the PDF smoke test, the bench and a look by eye.
import { readFileSync } from 'node:fs';
import {
  computeCostFigures,
  computeWmoFigures,
  type ContentReport,
  type ReportSection,
} from '../../src/modules/reports/index.ts';
import { costFileLayout } from '../../src/modules/reports/cost-figures.ts';
import {
  buildCostSection,
  buildWmoSection,
  type CostFileType,
} from '../../src/modules/reports/report-content.ts';
import { loadSpec } from '../../src/modules/validation/index.ts';
import { planDelivery, readGeneratorSpec } from '../../src/modules/validation/generate/index.ts';
import { createBytesSource } from '../../src/modules/validation/memory-byte-source.ts';
import type { ByteSource } from '../../src/modules/validation/index.ts';

const json = JSON.parse(readFileSync(new URL('../../specs/gmsd/2017.json', import.meta.url), 'utf8'));
const generatorSpec = readGeneratorSpec(json);
const spec = loadSpec(json);

function labels(type: string, field: string): Record<string, string> {
  const f = spec.fileTypes.find((x) => x.type === type)?.fields.find((x) => x.name === field);
  if (!f || f.type !== 'code') return {};
  return Object.fromEntries((spec.codeLists[f.codeList]?.codes ?? []).map((c) => [c.code, c.label]));
}

/** A generated file as a ByteSource that streams the generator's chunks (nothing held in memory). */
export function generatedSource(
  type: string,
  period: string,
  rows: number | undefined,
  seed: number,
): ByteSource {
  const plan = planDelivery({
    spec: generatorSpec,
    type,
    gemeente: '0363',
    period,
    seed,
    ...(rows ? { rows } : {}),
  });
  return {
    name: plan.fileName,
    size: 0,
    async *stream() {
      yield* plan.chunks();
    },
    async read() {
      throw new Error('not needed');
    },
  };
}

export function bytesSource(name: string, bytes: Uint8Array): ByteSource {
  return createBytesSource(name, bytes);
}

/** The report of a generated four-file delivery for 2017H2, compared with a generated 2017H1 one. */
export async function sampleContentReport(
  wmoRows: number,
  previousWmoRows = Math.round(wmoRows * 0.6),
): Promise<ContentReport> {
  const sections: ReportSection[] = [];
  const wmoLabels = {
    productcategorie: labels('wmo', 'productcategorie'),
    leveringsvorm: labels('wmo', 'leveringsvorm'),
    reden: labels('wmo', 'reden_beeindiging'),
  };
  const wmo = await computeWmoFigures(generatedSource('wmo', '2017H2', wmoRows, 1), { halfYear: '2017H2' });
  const wmoBefore = await computeWmoFigures(generatedSource('wmo', '2017H1', previousWmoRows, 2), {
    halfYear: '2017H1',
  });
  sections.push(
    buildWmoSection({
      fileName: 'MSD.zip/WMO_0363_2017H2.csv',
      period: '2017H2',
      figures: wmo,
      labels: wmoLabels,
      redelivery: null,
      previousHalfYear: { receiptNumber: 'GGK-2018-000001', halfYear: '2017H1', figures: wmoBefore },
      thresholdPercent: 30,
    }),
  );
  for (const [index, type] of (['wmo-kosten', 'sbw', 'jeugd'] as CostFileType[]).entries()) {
    const layout = costFileLayout(spec, type);
    sections.push(
      buildCostSection({
        fileType: type,
        fileName: `MSD.zip/${type}.csv`,
        period: '2017H2',
        figures: await computeCostFigures(generatedSource(type, '2017H2', undefined, 10 + index), layout),
        labels: {
          category: labels(type, layout.categoryColumn),
          leveringsvorm: labels(type, 'leveringsvorm'),
        },
        redelivery: null,
        previousHalfYear: {
          receiptNumber: 'GGK-2018-000001',
          halfYear: '2017H1',
          figures: await computeCostFigures(generatedSource(type, '2017H1', undefined, 20 + index), layout),
        },
        wmo:
          type === 'wmo-kosten'
            ? { receiptNumber: 'GGK-2018-000002', halfYear: '2017H2', figures: wmo }
            : null,
        thresholdPercent: 30,
      }),
    );
  }
  return {
    version: 1,
    receiptNumber: 'GGK-2018-000002',
    gemeentecode: '0363',
    gemeenteName: 'Amsterdam',
    changeThresholdPercent: 30,
    sections,
  };
}
