import type { ConsumeMessage, GetMessage } from 'amqplib';
import type { HeaderValue } from '../topology/topology.types';

/** Internal header that pairs a basic.return with the publish it answers; stripped on delivery. */
export const PUBLISH_TOKEN_HEADER = 'x-pcms-publish-token';

export type MessageHeaders = Readonly<Record<string, HeaderValue | undefined>>;

/** A delivered message as handlers see it: the body stays bytes (signatures cover exact bytes). */
export interface AmqpMessage {
  readonly body: Buffer;
  readonly headers: MessageHeaders;
  readonly routingKey: string;
  readonly exchange: string;
  readonly queue: string;
  readonly messageId: string | undefined;
  readonly redelivered: boolean;
  /** Set by the consumer: what earlier deliveries that ended in a requeue left (attempts, steps done). */
  readonly retry?: { readonly attempts: number; readonly done: readonly string[] };
}

export function toAmqpMessage(raw: ConsumeMessage | GetMessage, queue: string): AmqpMessage {
  const headers: Record<string, HeaderValue | undefined> = {};
  for (const [name, value] of Object.entries(raw.properties.headers ?? {})) {
    if (name === PUBLISH_TOKEN_HEADER) continue;
    headers[name] = toHeaderValue(value);
  }
  return {
    body: raw.content,
    headers,
    routingKey: raw.fields.routingKey,
    exchange: raw.fields.exchange,
    queue,
    messageId: typeof raw.properties.messageId === 'string' ? raw.properties.messageId : undefined,
    redelivered: raw.fields.redelivered,
  };
}

// AMQP field tables may carry longstr as Buffer and broker-added arrays (x-death); keep them readable.
function toHeaderValue(value: unknown): HeaderValue | undefined {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (value === undefined || value === null) return undefined;
  return JSON.stringify(value);
}
