// Synthetic deliveries: the public surface of the generator (pure; the command writes the files).
export { planDelivery } from './delivery-generator.ts';
export type { DeliveryOptions, DeliveryPlan } from './delivery-generator.ts';
export { zipDeliveryChunks } from './delivery-zip.ts';
export type { ZipInput } from './delivery-zip.ts';
export { DEFECT_CODES, parseDefects } from './defect-plan.ts';
export type { DefectCode, DefectRequest } from './defect-plan.ts';
export { readGeneratorSpec } from './generator-spec.ts';
export type { GeneratorSpec } from './generator-spec.ts';
export { isValidBsn, isTestBsn } from './bsn-numbers.ts';
