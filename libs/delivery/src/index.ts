export {
  DELIVERY_QUEUE_NAME,
  DeliveryQueue,
  type DeliveryHooks,
  type DeliveryLogger,
  type DeliveryQueueOptions,
  type DeliverySender,
  type NoticeSender,
} from './delivery.queue';
export { DeliveryError, DeliveryErrorCode } from './delivery.error';
export { httpsNoticeSender, type ClosableNoticeSender, type HttpsNoticeTarget } from './https-notice.sender';
export type {
  DeliveryFailure,
  DeliveryJob,
  DeliveryReceipt,
  EnqueueOutcome,
  NoticeDeliveryJob,
} from './notice-delivery.job';
