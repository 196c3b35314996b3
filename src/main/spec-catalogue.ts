// The delivery specs, read from specs/ (modules/specs).
export { SPECS_DIR, findSpec, loadSpecs } from '../modules/specs/index.ts';
import { specForPeriod } from '../modules/validation/index.ts';
import { loadSpecs } from '../modules/specs/index.ts';

/**
 * The spec a round for `halfYear` judges with: the same choice as `ggk validate --period`
 * (specForPeriod, docs/decisions/0031-spec-period-coverage.md). Throws when no spec covers it.
 */
export function specIdForHalfYear(halfYear: string): string {
  const spec = specForPeriod(loadSpecs(), halfYear);
  if (!spec) throw new Error(`no spec in specs/ covers the half year ${halfYear}`);
  return spec.id;
}
