// Monitoring: the round monitor for the operator and CBS, the servicedesk view, the daily reminders
// and the pilot feedback.
export {
  CELL_STATES,
  FILE_TYPES,
  computeServiceLevels,
  deriveCellState,
  handoverStateOf,
  isCellState,
  isFileType,
  reminderFactsOf,
  type CellOutcome,
  type CellState,
  type FileType,
  type HandoverLevels,
  type HandoverState,
  type PilotTargetStatus,
  type ReminderFacts,
  type ServiceLevelIssue,
} from './monitoring-rules.ts';
export {
  buildCellTimeline,
  buildRoundMonitor,
  cellKey,
  closingReminderDate,
  contentReportPlacements,
  countPerDay,
  createRoundMonitorCache,
  type MonitorFilter,
  type MonitorRow,
  type ReportPlacement,
  type ReportPlacementSource,
  type RoundMonitor,
  type RoundMonitorCache,
  type MonitorView,
  type TimelineEvent,
} from './monitor-service.ts';
export {
  DEFAULT_CLOSING_REMINDER_WORKING_DAYS,
  REMINDER_QUEUE,
  sendReminders,
  type ReminderCounts,
  type ReminderOptions,
} from './reminder-service.ts';
export {
  MAX_REGULAR_ROUTE_NOTE_CHARS,
  listRegularRoutes,
  markRegularRoute,
  regularRouteOverview,
  unmarkRegularRoute,
  type RegularRouteActor,
  type RegularRouteRow,
} from './regular-route-service.ts';
export { redactLinkSecrets } from './link-secrets.ts';
export { reminderSubject, wordReminder } from './reminder-wording.ts';
export { listReminders } from './reminder-service.ts';
export type { RoundDeliveryRow } from './monitoring-repository.ts';
export {
  searchServicedesk,
  viewOrganisation,
  viewUser,
  type ServicedeskDelivery,
  type ServicedeskMail,
  type ServicedeskOrganisationView,
  type ServicedeskUserView,
} from './servicedesk-service.ts';
export {
  EVALUATION_QUESTIONS,
  MAX_FEEDBACK_CHARS,
  feedbackContext,
  listRoundFeedback,
  submitEvaluation,
  submitFeedback,
  type FeedbackContext,
  type FeedbackRow,
} from './feedback-service.ts';
export { operationalFigures } from './metrics-service.ts';
