import { MessagingError, type AmqpConnection } from '@pcms/messaging';
import { ReplyError } from 'ioredis';
import { MaxRetriesPerRequestError } from 'ioredis/built/errors';

/** The code of a door's 503: the gateway cannot take the request now; the same bytes may come again. */
export const GATEWAY_UNAVAILABLE = 'GATEWAY_UNAVAILABLE';

/**
 * Seconds a client is asked to wait before it sends again (RFC 9110 §10.2.3). Five: Redis and the
 * broker are reconnected every second, a restarting Redis loads in a few, so most outages are over
 * by then; shorter would have every platform and the peer retry in a tight loop against a gateway
 * that is still recovering, longer would hold traffic back after it recovered.
 */
export const RETRY_AFTER_SECONDS = 5;

/** Thrown by a door that sees at once it cannot take a request (the broker blocks its connection). */
export class GatewayUnavailableError extends Error {
  override readonly name = 'GatewayUnavailableError';
  readonly code = GATEWAY_UNAVAILABLE;
}

/**
 * A RabbitMQ memory or disk alarm blocks every publishing connection: a publish would wait up to
 * its timeout (30 s) while the client holds the request. The door refuses at once instead.
 */
export function assertBrokerNotBlocked(amqp: AmqpConnection): void {
  if (amqp.isBlocked) {
    throw new GatewayUnavailableError(
      'the broker is blocked (memory or disk alarm); retry later / le broker est bloqué (alarme mémoire ou disque) ; réessayez plus tard',
    );
  }
}

/**
 * The runtime's Redis client queues every command while it is not connected
 * (`maxRetriesPerRequest: null`, so that consumers wait out an outage instead of failing), which
 * would hold a door's request until Redis comes back. A door cannot take anything without its
 * claim, so it answers 503 at once unless the client is `ready` (connected and its ready check
 * passed). A connection lost after this check still queues the command: see the runtime README.
 */
export function assertRedisReady(redis: { readonly status: string }): void {
  if (redis.status !== 'ready') {
    throw new GatewayUnavailableError(
      `Redis cannot be reached (client ${redis.status}); retry later / Redis est injoignable (client ${redis.status}) ; réessayez plus tard`,
    );
  }
}

/** Node's codes for a peer that cannot be reached or went away (Redis, PostgreSQL, the broker). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATE classes that say the database, not the request, failed: 08 connection, 53
 * insufficient resources, 57 operator intervention (shutdown, statement timeout), 58 system error,
 * 40001/40P01 serialization failure and deadlock (https://www.postgresql.org/docs/current/errcodes-appendix.html).
 */
const SQLSTATE_UNAVAILABLE = /^(08|53|57|58)...$|^40001$|^40P01$/;

/** https://redis.io/docs/latest/develop/reference/protocol-spec/#simple-errors */
const REDIS_UNAVAILABLE = new Set([
  'LOADING',
  'BUSY',
  'OOM',
  'READONLY',
  'MASTERDOWN',
  'TRYAGAIN',
  'CLUSTERDOWN',
]);

/**
 * An error that says nothing about the request: a store or the broker is unreachable, blocked or
 * too slow. The consumers' error policy retries these; a door answers 503 with Retry-After. By
 * class and code only: anything else is a bug and stays a 500.
 */
export function isInfrastructureError(error: unknown): boolean {
  if (error instanceof GatewayUnavailableError || error instanceof MessagingError) return true;
  if (error instanceof MaxRetriesPerRequestError) return true;
  // A Redis error reply starts with its kind (RESP's error prefix); only these say Redis cannot
  // serve now. WRONGTYPE, NOSCRIPT, ERR… are our mistake.
  if (error instanceof (ReplyError as typeof Error))
    return REDIS_UNAVAILABLE.has(error.message.split(' ')[0]);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return false;
  return NETWORK_CODES.has(code) || SQLSTATE_UNAVAILABLE.test(code);
}
