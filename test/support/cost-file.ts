// A cost file (Wmo kosten, SBW, Jeugd) from its lines, read into op-orde cost figures: for the unit
// tests of modules/reports that need figures of a small hand-written file.
import { createBytesSource } from '../../src/modules/validation/index.ts';
import {
  computeCostFigures,
  type CostFigures,
  type CostFileLayout,
} from '../../src/modules/reports/cost-figures.ts';

export function costFiguresOf(
  fileName: string,
  lines: string[],
  layout: CostFileLayout,
): Promise<CostFigures> {
  const text = `${lines.join('\n')}\n`;
  return computeCostFigures(createBytesSource(fileName, new TextEncoder().encode(text)), layout);
}
