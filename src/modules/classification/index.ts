export {
  createClassification,
  parseClassificationCsv,
  parseReorganisationCsv,
  type ClassificationSnapshot,
  type Predecessor,
  type Reorganisation,
  type Gemeente,
  type MunicipalClassification,
} from './municipal-classification.ts';
export { loadClassification } from './classification-files.ts';
