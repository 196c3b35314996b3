// Notifications: mail through a transactional outbox. Queue with enqueueMail inside the transaction
// of the change; the outbox worker delivers it.
export { enqueueMail, deliverPendingMail } from './outbox-service.ts';
export type { MailToQueue, EnqueueOptions, DeliverOptions, DeliveryCounts } from './outbox-service.ts';
export { startOutboxWorker } from './outbox-worker.ts';
export type { OutboxWorker, OutboxWorkerOptions } from './outbox-worker.ts';
export { countOutbox } from './outbox-service.ts';
export type { OutboxTable, OutboxStatus } from './outbox-repository.ts';
export { containsBsnLikeNumber } from './outbox-rules.ts';
