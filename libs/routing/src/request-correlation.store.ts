import { isPlatformId, type PcmsEnvelope, type PlatformId } from '@pcms/envelope';
import type { Redis } from 'ioredis';

/** What the router remembers of a `request.information` it released to INTERPOL. */
export interface RecordedRequest {
  /** The platform that asked: a reply goes back to it. */
  requester: PlatformId;
  /** Shared by the request's and the reply's journal events: `search --correlation` finds both. */
  correlationId: string;
}

export interface RequestCorrelationOptions {
  /** Prefix of the keys, e.g. `pcms:correlation:requests`. */
  keyPrefix: string;
  /**
   * How long a request waits for its reply; a later reply goes to the regional platform only.
   * The router passes `routing.requestRetentionDays` (an answer may take weeks between police services).
   */
  retentionSeconds: number;
}

/** The correlation of a request: the one its sender chose, or else the request's own id. */
export function correlationIdOf(envelope: Pick<PcmsEnvelope, 'id' | 'correlationId'>): string {
  return envelope.correlationId ?? envelope.id;
}

/**
 * Request id → asking platform, in Redis (as `@pcms/dedupe`): every router process of a
 * deployment shares it, it survives a router restart, and keys expire on their own, so no sweep.
 * A request is recorded before it leaves for INTERPOL, so no reply can arrive before its record.
 */
export class RequestCorrelationStore {
  constructor(
    private readonly redis: Redis,
    private readonly options: RequestCorrelationOptions,
  ) {}

  /** Records a request its sender platform sent; resolves with what a reply will find. */
  async record(
    request: Pick<PcmsEnvelope, 'id' | 'correlationId' | 'sender'>,
  ): Promise<RecordedRequest | undefined> {
    if (!isPlatformId(request.sender)) return undefined;
    const recorded: RecordedRequest = { requester: request.sender, correlationId: correlationIdOf(request) };
    await this.redis.set(this.key(request.id), JSON.stringify(recorded), 'EX', this.options.retentionSeconds);
    return recorded;
  }

  /** The request a reply names; undefined when unknown, expired, or not readable as a record. */
  async lookup(requestId: string): Promise<RecordedRequest | undefined> {
    const held = await this.redis.get(this.key(requestId));
    if (held === null) return undefined;
    try {
      const value = JSON.parse(held) as Partial<RecordedRequest>;
      if (
        typeof value.requester === 'string' &&
        isPlatformId(value.requester) &&
        typeof value.correlationId === 'string'
      ) {
        return { requester: value.requester, correlationId: value.correlationId };
      }
    } catch {
      // A key another version wrote, or damaged by hand: treated as unknown, the reply goes to RP.
    }
    return undefined;
  }

  private key(requestId: string): string {
    return `${this.options.keyPrefix}:${requestId}`;
  }
}
