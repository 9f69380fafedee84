import type { LoadedConfig } from '@pcms/config';
import type { Translator } from '@pcms/translation';
import type { Redis } from 'ioredis';
import { NoticeFingerprintStore } from './notice-fingerprint.store';
import { PublicNoticeForwarder, type InboundOutlet } from './public-notice.forwarder';
import { PublicNoticesClient } from './public-notices.client';
import {
  PublicNoticesPoller,
  type PublicNoticesLogger,
  type PublicNoticesObserver,
} from './public-notices.poller';

export interface PublicNoticesRuntime {
  client: PublicNoticesClient;
  fingerprints: NoticeFingerprintStore;
  forwarder: PublicNoticeForwarder;
  poller: PublicNoticesPoller;
}

/** The client, forwarder and poller of `publicNotices.*`, for the I-24/7 adapter and the CLI alike. */
export function publicNoticesFromConfig(
  config: LoadedConfig,
  deps: {
    translator: Translator;
    redis: Redis;
    outlet: InboundOutlet;
    logger: PublicNoticesLogger;
    observer?: PublicNoticesObserver;
  },
): PublicNoticesRuntime {
  const options = config.publicNotices;
  const limits = { maxBytes: config.limits.maxMessageBytes, maxDepth: config.limits.maxJsonDepth };
  const client = new PublicNoticesClient({
    baseUrl: options.baseUrl,
    publishedBaseUrl: options.publishedBaseUrl,
    timeoutMs: options.timeoutMs,
    ...limits,
  });
  const fingerprints = new NoticeFingerprintStore(
    deps.redis,
    NoticeFingerprintStore.keyFor(config.redis.keyPrefix),
  );
  const forwarder = new PublicNoticeForwarder(deps.translator, fingerprints, deps.outlet, limits);
  const poller = new PublicNoticesPoller(
    client,
    forwarder,
    { resultPerPage: options.resultPerPage, filters: options.filters },
    deps.logger,
    deps.observer,
  );
  return { client, fingerprints, forwarder, poller };
}
