// The delivery specs, read from specs/ (see modules/validation/spec-catalogue.ts).
export { SPECS_DIR, findSpec, loadSpecs } from '../modules/validation/spec-catalogue.ts';
