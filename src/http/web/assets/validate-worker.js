// The in-browser check, in a Web Worker so the page stays responsive: the same validation engine as
// the server (ggk-validator.js, the browser build of src/modules/validation), reading the chosen
// files as Blobs in slices. Nothing is sent anywhere: the files never leave this worker.
/* global self */
import {
  createBlobByteSource,
  createDefaultClassification,
  isPeriodCovered,
  loadSpec,
  specs,
  validateUpload,
} from './ggk-validator.js';

let classification;
const loadedSpecs = new Map();

function specFor(period) {
  for (const [id, json] of Object.entries(specs)) {
    if (!loadedSpecs.has(id)) loadedSpecs.set(id, loadSpec(json));
    const spec = loadedSpecs.get(id);
    if (!period || isPeriodCovered(spec, period)) return spec;
  }
  return undefined;
}

self.onmessage = async (event) => {
  const { id, files, gemeente, period, today } = event.data;
  try {
    const spec = specFor(period);
    if (!spec) throw new Error('no spec');
    classification ??= createDefaultClassification();
    const total = files.reduce((sum, f) => sum + f.size, 0);
    let last = 0;
    const report = await validateUpload(
      files.map((f) => createBlobByteSource(f, f.name)),
      {
        spec,
        classification,
        gemeente: gemeente || undefined,
        period: period || undefined,
        today,
        onProgress: (bytes) => {
          const now = Date.now();
          if (now - last > 200) {
            last = now;
            self.postMessage({ id, type: 'progress', bytes, total });
          }
        },
      },
    );
    self.postMessage({ id, type: 'report', report });
  } catch (error) {
    self.postMessage({ id, type: 'error', message: String(error && error.message ? error.message : error) });
  }
};
