export { MessagingError, MessagingErrorCode } from './messaging.error';
export type {
  BindingSpec,
  BodyContract,
  ExchangeKind,
  ExchangeSpec,
  HeadersOf,
  HeaderValue,
  QueueSpec,
  QueueType,
  Route,
  Topology,
} from './topology/topology.types';
export {
  DEFAULT_RETRY,
  GATEWAY_SIGNER_ID,
  gatewayTopology,
  type RetrySettings,
  type GatewayPlatformId,
  type GatewayTopology,
  type JournalEventHeaders,
  type JournalEventRoute,
  type JudicialMessageHeaders,
  type JudicialMessageRoute,
  type SignedEnvelopeHeaders,
  type SignedEnvelopeRoute,
} from './topology/gateway.topology';
export {
  AmqpConnection,
  brokerUrls,
  type AmqpConnectOptions,
  type ConsumeOptions,
  type ConsumerHandle,
  type MessagingLogger,
  type PublishOptions,
} from './amqp/amqp-connection';
export type { BatchHandler, BatchOptions } from './amqp/batch-consumer.runner';
export type { AmqpClientTls } from './amqp/amqp-tls.options';
export type { AmqpMessage, MessageHeaders } from './amqp/amqp-message';
export { publishEnvelope, type EnvelopeOnward } from './amqp/publish-envelope';
export {
  deadLetterUnexpected,
  describeError,
  INVALID_OUTCOME_CODE,
  Outcome,
  UNEXPECTED_ERROR_CODE,
  type ConsumerOutcome,
  type ErrorPolicy,
  type MessageHandler,
} from './amqp/consumer-outcome';
export { DeadLetterHeader, type DeadLetterReason } from './amqp/dead-letter.headers';
export { RetryHeader, RETRIES_EXHAUSTED } from './amqp/retry';
export { QueueStats, type DeadLetter, type QueueDepth } from './amqp/queue.stats';
export { AmqpContext } from './nest/amqp.context';
export { connectionNameIn } from './nest/connection-name';
// The Nest transport and module load Nest itself (~1 s): they have their own door,
// `@pcms/messaging/nest`, so a process without Nest (the command line) does not pay for them.
export { AMQP_CLIENT_TLS, GATEWAY_TOPOLOGY, MESSAGING_LOGGER } from './nest/messaging.tokens';
