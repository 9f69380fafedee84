export { PlatformClient } from './platform.client';
export {
  PLATFORM_RECEIVE_STAGE,
  PlatformRetryCode,
  PlatformConsumer,
  type PlatformConsumerOptions,
  type PlatformCounters,
  type PlatformMessageHandler,
  type ReceivedMessage,
} from './platform.consumer';
export { HandledMessageStore, type Refusal } from './handled-message.store';
