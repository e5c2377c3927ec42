/** The outbox's public surface: the delivery loop, its error type, and what /factory status shows. */
export { OutboxDelivery, type OutboxDeliveryOptions } from './outbox-delivery';
export type { PagerSettings } from './delivery-context';
export type { DeliveryCounts } from './delivery-outcome';
export { ChatDeliveryError } from './delivery-errors';
export { listDeliveryProblems, type DeliveryProblem } from './delivery-problems';
export { PAGER_NOT_CONFIGURED } from './deliver-page';
export { outboxTargetSchema, type OutboxTarget } from './targets';
