import { journalEventId, type JournalEvent, type JournalStage } from '@pcms/journal';
import type { AmqpConnection, GatewayTopology } from '@pcms/messaging';

/** What a caller states about one stage; the emitter adds the app, the time and the event id. */
export interface StageEvent {
  readonly messageId: string;
  readonly stage: JournalStage;
  readonly correlationId?: string;
  /** code, reason, rule, mapping, fingerprint, destination, attempt…; never a payload or a name. */
  readonly details?: Record<string, unknown>;
  /**
   * Tells apart two events of the same message, stage and app (a destination, an attempt);
   * the same discriminator on a redelivery yields the same event id, so the writer drops it.
   */
  readonly discriminator?: string;
  /**
   * The message's bytes as this stage saw them (the signed envelope, the inbound notice). Sent
   * only when the deployment keeps payloads (journal.payloads.keep: encrypted); the store seals them.
   */
  readonly payload?: { readonly contentType: string; readonly bytes: Buffer };
}

export interface JournalEmitterOptions {
  /** journal.payloads.keep === 'encrypted'; otherwise no payload bytes leave the process. */
  readonly keepPayloads?: boolean;
  readonly clock?: () => Date;
}

/**
 * Publishes journal events with publisher confirms, one message per `emit` call: the stages an app
 * records together for one hop travel as one JSON array, so a message costs the broker one publish,
 * one confirm and one delivery per hop instead of one per stage. Callers await it before
 * acknowledging the message they process: events the broker confirmed reach the journal writer even
 * if this process dies the next instant.
 */
export class JournalEmitter {
  constructor(
    private readonly amqp: AmqpConnection,
    private readonly topology: GatewayTopology,
    readonly app: string,
    private readonly options: JournalEmitterOptions = {},
  ) {}

  /**
   * The same emitter under another app name: for a source that is journaled as itself whichever
   * process runs it (Interpol's public notices, polled by the adapter or from the command line).
   */
  as(app: string): JournalEmitter {
    return new JournalEmitter(this.amqp, this.topology, app, this.options);
  }

  /** Builds the full events without publishing them (deterministic ids). */
  events(stages: StageEvent | readonly StageEvent[]): JournalEvent[] {
    const at = (this.options.clock?.() ?? new Date()).toISOString();
    const keep = this.options.keepPayloads === true;
    return ([] as StageEvent[]).concat(stages).map((s) => ({
      eventId: journalEventId(s.messageId, s.stage, this.app, s.discriminator),
      messageId: s.messageId,
      ...(s.correlationId ? { correlationId: s.correlationId } : {}),
      stage: s.stage,
      app: this.app,
      at,
      details: s.details ?? {},
      ...(keep && s.payload
        ? { payload: { contentType: s.payload.contentType, base64: s.payload.bytes.toString('base64') } }
        : {}),
    }));
  }

  /** Resolves once the broker confirmed the events; rejects with a `MessagingError` otherwise. */
  async emit(stages: StageEvent | readonly StageEvent[]): Promise<void> {
    const events = this.events(stages);
    if (events.length === 0) return;
    const [first] = events;
    // One event alone keeps its own body (what the writer always read); several go as an array.
    const body = events.length === 1 ? first : events;
    await this.amqp.publish(this.topology.routes.journal(first.stage), Buffer.from(JSON.stringify(body)), {
      messageId: first.eventId,
      contentType: 'application/json',
      headers: {
        'pcms-journal-stage': events.map((event) => event.stage).join(','),
        'pcms-journal-app': this.app,
        'pcms-correlation-id': first.correlationId,
      },
    });
  }
}
