export { AmqpInboundOutlet, PUBLIC_NOTICES_APP, PUBLIC_NOTICES_ORIGIN } from './amqp-inbound.outlet';
export { g5Concern } from './g5-concern';
export { NoticeFingerprintStore } from './notice-fingerprint.store';
export { noticeListPages } from './notice-list.pager';
export { pollLeaseKey, pollUnderLease, POLL_LEASE_MS } from './poll.lease';
export {
  PUBLIC_NOTICES_FORMAT,
  PublicNoticeForwarder,
  type ForwardOutcome,
  type ForwardResult,
  type InboundOutlet,
  type NoticeOrigin,
  type PublicNoticeForwarderOptions,
  type TranslatedPublicNotice,
} from './public-notice.forwarder';
export {
  PublicNoticesClient,
  type NoticeListEntry,
  type NoticeListPage,
  type PublicNoticesClientOptions,
} from './public-notices.client';
export { errorCodeOf, PublicNoticesError, PublicNoticesErrorCode } from './public-notices.error';
export {
  PublicNoticesPoller,
  type PollSummary,
  type PublicNoticesFilters,
  type PublicNoticesLogger,
  type PublicNoticesObserver,
  type PublicNoticesPollerOptions,
} from './public-notices.poller';
export {
  PUBLIC_NOTICES_QUEUE,
  PublicNoticesSchedule,
  type PublicNoticesScheduleOptions,
} from './public-notices.schedule';
export { publicNoticesFromConfig, type PublicNoticesRuntime } from './public-notices.factory';
