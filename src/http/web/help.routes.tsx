// The help section (issue 20, "help at hand"), public: the help page (servicedesk, eHerkenning,
// FAQ, example files), the quick reference as a printable page and as PDF, and the example files.
// One file per use case under help/.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerDownloadExampleFile } from './help/download-example-file.route.ts';
import { registerDownloadQuickReferencePdf } from './help/download-quick-reference-pdf.route.ts';
import { registerShowHelp } from './help/show-help.route.tsx';
import { registerShowQuickReference } from './help/show-quick-reference.route.tsx';

export function registerHelpRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerShowHelp(app, deps);
  registerShowQuickReference(app, deps);
  registerDownloadQuickReferencePdf(app, deps);
  registerDownloadExampleFile(app, deps);
}
