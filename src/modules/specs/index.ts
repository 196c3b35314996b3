export { SPECS_DIR, findSpec, loadSpecs } from './spec-files.ts';
