// The operational figures behind /metrics (http/observability.ts), each read on its own when
// Prometheus scrapes: one gauge, one query.
import {
  checkDurationQuantiles,
  contentReportDurationQuantiles,
  countDeliveriesReceivedLastHour,
  countDeliveryFilesByState,
  countJobsByQueue,
  countLoginFailuresLastHour,
  erasureBacklog,
  handoverBacklog,
  oldestWaitingJobs,
  outboxBacklog,
  sumDeliveredBytes,
} from './metrics-repository.ts';

export type { Quantiles } from './metrics-repository.ts';

export const operationalFigures = {
  deliveryFilesByState: countDeliveryFilesByState,
  deliveredBytes: sumDeliveredBytes,
  deliveriesReceivedLastHour: countDeliveriesReceivedLastHour,
  checkDurations: checkDurationQuantiles,
  contentReportDurations: contentReportDurationQuantiles,
  jobsByQueue: countJobsByQueue,
  oldestWaitingJobs,
  outboxBacklog,
  loginFailuresLastHour: countLoginFailuresLastHour,
  handoverBacklog,
  erasureBacklog,
} as const;
