import { Controller, Inject, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import {
  decideJudicial,
  JudicialDispatcher,
  requestIdOf,
  type JudicialDirectory,
  type JudicialMessage,
  type JudicialRoutingContext,
  type JudicialStore,
  type RequestChannel,
} from '@pcms/judicial';
import { JournalEmitter } from '@pcms/journal-emitter';
import { forMessage, type Logger } from '@pcms/logging';
import { Outcome, type AmqpMessage, type ConsumerOutcome } from '@pcms/messaging';
import type { JudicialRule } from '@pcms/routing';
import { APP_LOGGER, requeueAfter, RpcErrorPassThroughFilter } from '@pcms/runtime';
import { JUDICIAL_DIRECTORY, JUDICIAL_STORE } from './judicial-adapter.tokens';
import { JUDICIAL_ROUTING_RULES } from './judicial-routing.tokens';

/**
 * The judicial.route queue: messages the door accepted (stored, journaled). Decides where each goes
 * (the policy's judicial rules), journals the verdicts, queues the deliveries, then acknowledges.
 * The door has judged the message already: nothing here is a verdict on it. A failure (Redis, the
 * store, the broker) is retried after a delay; queuing again is harmless (one job per message and
 * destination, one receipt per message, evidence and destination).
 */
@Controller()
@UseFilters(RpcErrorPassThroughFilter)
export class JudicialRouteController {
  constructor(
    @Inject(JUDICIAL_ROUTING_RULES) private readonly rules: readonly JudicialRule[],
    @Inject(JUDICIAL_DIRECTORY) private readonly directory: JudicialDirectory,
    @Inject(JUDICIAL_STORE) private readonly store: JudicialStore,
    private readonly dispatcher: JudicialDispatcher,
    private readonly journal: JournalEmitter,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @MessagePattern('judicialRoute')
  async onRoute(@Payload() delivery: AmqpMessage): Promise<ConsumerOutcome> {
    try {
      // The sender's bytes as the door accepted them: they travel on unchanged, signed by the gateway.
      const message = JSON.parse(delivery.body.toString('utf8')) as JudicialMessage;
      const ids = { messageId: message.id, correlationId: requestIdOf(message) };
      const decision = decideJudicial(message, this.rules, this.directory, await this.contextOf(message));
      const destinations = decision.destinations.map((d) =>
        d.kind === 'interpol' ? 'INTERPOL' : d.authorityId,
      );
      // Journaled before anything leaves, so the trace says why before it says delivered.
      await this.journal.emit({
        ...ids,
        stage: 'routed',
        details: { type: message.type, from: message.from, verdicts: decision.verdicts, destinations },
      });
      const dispatched = await this.dispatcher.dispatch(message, delivery.body, decision.destinations);
      forMessage(this.logger, ids).info(
        {
          stage: 'route',
          destinations: dispatched.map(({ destination, outcome }) => `${destination}:${outcome}`),
        },
        'judicial message routed / message judiciaire acheminé',
      );
      return Outcome.ack();
    } catch (error: unknown) {
      return requeueAfter(error, []);
    }
  }

  /** A status is routed by the request it moves: its parties and channel, as stored. */
  private async contextOf(message: JudicialMessage): Promise<JudicialRoutingContext> {
    if (message.type !== 'judicial.status') return {};
    const stored = await this.store.find(message.payload.requestId);
    if (stored === undefined) return {};
    const payload = await this.store.payload(stored.requestId);
    const { channel } = JSON.parse(payload?.toString('utf8') ?? '{}') as { channel?: RequestChannel };
    return {
      request: {
        authorities: stored.authorities,
        parties: stored.parties,
        channel: channel ?? 'central-authority',
      },
    };
  }
}
