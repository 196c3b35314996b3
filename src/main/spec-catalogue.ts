// The delivery specs, read from specs/ (modules/specs).
export { SPECS_DIR, findSpec, loadSpecs } from '../modules/specs/index.ts';
