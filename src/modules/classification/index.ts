export {
  createClassification,
  parseClassificationCsv,
  type ClassificationSnapshot,
  type Gemeente,
  type MunicipalClassification,
} from './municipal-classification.ts';
export { loadClassification } from './classification-files.ts';
