// Pilot feedback: a small form reachable from every page (a link in the footer), the evaluation
// after the round, and the operator's overview with its CSV export. One file per use case in feedback/.
import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../app.ts';
import { registerDownloadFeedbackCsv } from './feedback/download-feedback-csv.route.ts';
import { registerGiveFeedback } from './feedback/give-feedback.route.tsx';
import { registerShowFeedbackOverview } from './feedback/show-feedback-overview.route.tsx';
import { registerSubmitEvaluation } from './feedback/submit-evaluation.route.tsx';

export function registerFeedbackRoutes(app: FastifyInstance, deps: AppDeps): void {
  registerGiveFeedback(app, deps);
  registerSubmitEvaluation(app, deps);
  registerShowFeedbackOverview(app, deps);
  registerDownloadFeedbackCsv(app, deps);
}
