// The judicial deliveries' bull queue, and the sender that runs its jobs: HTTPS with mutual TLS,
// the gateway's certificate, kept-alive connections (one pool for every authority's system).
import type { LoadedConfig } from '@pcms/config';
import { DeliveryQueue, type DeliveryLogger, type DeliverySender } from '@pcms/delivery';
import { mutualTlsAgent, postSignedDocument, type KeptAliveTlsOptions } from '@pcms/signed-http';
import {
  JUDICIAL_DELIVERY_QUEUE,
  isJudicialDeliveryJob,
  judicialJobId,
  type JudicialDeliveryJob,
} from './judicial-delivery.job';

export type JudicialDeliveryQueue = DeliveryQueue<JudicialDeliveryJob>;

/** Attempts and backoff from `judicialAdapter.delivery`; jobs remembered as long as message ids are. */
export function judicialDeliveryQueue(config: LoadedConfig, logger?: DeliveryLogger): JudicialDeliveryQueue {
  const { attempts, backoffMs } = config.judicialAdapter.delivery;
  return new DeliveryQueue<JudicialDeliveryJob>({
    redisUrl: config.redis.url,
    keyPrefix: config.redis.keyPrefix,
    queueName: JUDICIAL_DELIVERY_QUEUE,
    attempts,
    backoffMs,
    retentionSeconds: config.dedupe.retentionHours * 3600,
    jobIdOf: judicialJobId,
    isJob: isJudicialDeliveryJob,
    logger,
  });
}

export interface JudicialSenderOptions {
  /** The gateway's credential (it signs what it sends and is the TLS client) and our CA. */
  certificatePem: string;
  privateKeyPem: string;
  caPem: string;
  timeoutMs: number;
  pool?: KeptAliveTlsOptions;
}

export type ClosableJudicialSender = DeliverySender<JudicialDeliveryJob> & { close(): void };

/**
 * POSTs the message's bytes with the gateway's signature to the job's URL, pinning the identity
 * the job names; returns the answer's body, where the authority's system says it registered it.
 */
export function judicialHttpsSender(options: JudicialSenderOptions): ClosableJudicialSender {
  const credential = {
    certificatePem: options.certificatePem,
    privateKeyPem: options.privateKeyPem,
    caPem: options.caPem,
  };
  const agent = mutualTlsAgent(credential, options.pool);
  const send: DeliverySender<JudicialDeliveryJob> = (job) =>
    postSignedDocument({
      url: job.url,
      body: Buffer.from(job.body, 'utf8'),
      contentType: 'application/json',
      signatureDer: Buffer.from(job.signatureB64, 'base64'),
      messageId: job.messageId,
      correlationId: job.correlationId,
      tls: { ...credential, expectedServerId: job.serverId },
      timeoutMs: options.timeoutMs,
      agent,
    });
  return Object.assign(send, { close: () => agent.destroy() });
}
