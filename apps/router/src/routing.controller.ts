import { Controller, Inject, UseFilters } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { RouteLedger } from '@pcms/dedupe';
import { canonicalBytes, parseEnvelope, type PcmsEnvelope } from '@pcms/envelope';
import { JournalEmitter } from '@pcms/journal-emitter';
import { forMessage, type Logger } from '@pcms/logging';
import {
  AmqpConnection,
  GATEWAY_SIGNER_ID,
  GATEWAY_TOPOLOGY,
  Outcome,
  type AmqpMessage,
  type ConsumerOutcome,
  type GatewayTopology,
  type SignedEnvelopeRoute,
} from '@pcms/messaging';
import {
  decideInbound,
  decideOutbound,
  RequestCorrelationStore,
  type RecordedRequest,
  type RoutingPolicy,
  type RuleVerdict,
} from '@pcms/routing';
import { allSteps, APP_LOGGER, GATEWAY_SIGNER, requeueAfter, RpcErrorPassThroughFilter } from '@pcms/runtime';
import type { CmsSigner } from '@pcms/trust';
import { HoldGate } from './hold.gate';
import { ROUTING_POLICY } from './routing-policy.token';

/** The step a retry must not repeat: the routes have the message. */
const FORWARDED = 'forwarded';

/** Applies the routing policy to both directions; every decision is logged with its rules. */
@Controller()
@UseFilters(RpcErrorPassThroughFilter)
export class RoutingController {
  constructor(
    private readonly amqp: AmqpConnection,
    @Inject(GATEWAY_TOPOLOGY) private readonly topology: GatewayTopology,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly journal: JournalEmitter,
    @Inject(ROUTING_POLICY) private readonly policy: RoutingPolicy,
    private readonly requests: RequestCorrelationStore,
    private readonly holds: HoldGate,
    @Inject(GATEWAY_SIGNER) private readonly signer: CmsSigner,
    private readonly ledger: RouteLedger,
  ) {}

  /** Verified submissions: to the platforms they name, to INTERPOL only when every release rule allows. */
  @MessagePattern('routerOutbound')
  async onOutbound(@Payload() message: AmqpMessage): Promise<ConsumerOutcome> {
    const envelope = parseEnvelope(message.body);
    const decision = decideOutbound(envelope, this.policy);
    const { routes } = this.topology;
    const [refusal] = decision.refusals;
    // A held request is recorded too: released later by operators, its reply finds who asked.
    const request = await this.recordRequest(
      envelope,
      decision.networks.length > 0 || decision.holds.length > 0,
    );
    // The decision is journaled while the message goes where it decided: both confirmed before the
    // ack. A retry journals again (same event ids) and the ledger keeps a confirmed route from a
    // second publish, so neither step depends on the other having finished.
    await allSteps(
      this.journalDecision(
        request ? { ...envelope, correlationId: request.correlationId } : envelope,
        'outbound',
        decision.verdicts,
        [...decision.platforms, ...decision.networks],
        refusal,
      ),
      // A retry after the forward was confirmed does not forward again.
      message.retry?.done.includes(FORWARDED)
        ? Promise.resolve()
        : this.forward(
            envelope,
            // The sender's bytes, untouched: its signature travels on and still covers them.
            { body: message.body, signature: message.headers['pcms-signature'] as string },
            [
              ...decision.platforms.map((platform) => routes.deliver(platform)),
              ...decision.networks.map(() => routes.interpol(envelope.type)),
            ],
            decision.verdicts,
          ),
    );

    // What needs operators waits in a hold (stored and journaled before the ack).
    try {
      await this.holds.hold(envelope, message, decision.holds);
    } catch (error: unknown) {
      return requeueAfter(error, [FORWARDED]);
    }

    // What was allowed has left (and is confirmed); the refused part is quarantined with its rule.
    return refusal
      ? Outcome.deadLetter(refusal.code, `${refusal.reason} [rule ${refusal.rule}]`, 'route')
      : Outcome.ack();
  }

  /** Notices from the external network: to each G5 platform they concern, and always to RP. */
  @MessagePattern('routerInbound')
  async onInbound(@Payload() message: AmqpMessage): Promise<ConsumerOutcome> {
    const received = parseEnvelope(message.body);
    const request = await this.requestAnswered(received);
    const decision = decideInbound(received, this.policy, { requester: request?.requester });
    // The recipients are the router's decision: the platforms see who else received the notice.
    // A reply carries the correlation of its request, so one search finds both.
    const envelope = {
      ...received,
      recipients: decision.platforms,
      ...(request ? { correlationId: request.correlationId } : {}),
    };
    // Re-addressed, these are new bytes: the I-24/7 adapter's signature covered the notice as it
    // left the adapter, not this. A header must not claim what it does not prove (issue 11,
    // defect 14), so the gateway signs what it re-addressed.
    const body = canonicalBytes(envelope);
    await allSteps(
      this.journalDecision(envelope, 'inbound', decision.verdicts, decision.platforms),
      this.forward(
        envelope,
        { body, signature: this.signer.sign(body).toString('base64'), signer: GATEWAY_SIGNER_ID },
        decision.platforms.map((platform) => this.topology.routes.deliver(platform)),
        decision.verdicts,
      ),
    );
    return Outcome.ack();
  }

  /**
   * A request released to INTERPOL is remembered before it leaves, so that its reply, however
   * fast, finds the platform that asked (issue 6, point 5).
   */
  private async recordRequest(
    envelope: PcmsEnvelope,
    released: boolean,
  ): Promise<RecordedRequest | undefined> {
    if (!released || envelope.type !== 'request.information') return undefined;
    return this.requests.record(envelope);
  }

  /** The recorded request a `response.information` answers, if the gateway sent it. */
  private async requestAnswered(envelope: PcmsEnvelope): Promise<RecordedRequest | undefined> {
    if (envelope.type !== 'response.information' || !envelope.inReplyTo) return undefined;
    return this.requests.lookup(envelope.inReplyTo);
  }

  /** The policy's verdicts and where the message goes, journaled before it goes there. */
  private async journalDecision(
    envelope: PcmsEnvelope,
    direction: 'outbound' | 'inbound',
    verdicts: RuleVerdict[],
    destinations: readonly string[],
    refusal?: { code: string; reason: string; rule: string },
  ): Promise<void> {
    const ids = { messageId: envelope.id, correlationId: envelope.correlationId };
    await this.journal.emit([
      { ...ids, stage: 'policy', details: { direction, verdicts } },
      { ...ids, stage: 'routed', details: { direction, destinations } },
      ...(refusal
        ? [
            {
              ...ids,
              stage: 'rejected' as const,
              details: { code: refusal.code, reason: refusal.reason, rule: refusal.rule, stage: 'route' },
            },
          ]
        : []),
    ]);
  }

  /**
   * Publishes to every route and resolves once the broker confirmed them all. `signature` covers
   * `body` exactly; the PCMS adapter signs again what it delivers to a platform's queue. A route
   * the ledger says was confirmed before (this router died before its ack, or a retry after a
   * partly failed fan-out) is not published again.
   */
  private async forward(
    envelope: PcmsEnvelope,
    { body, signature, signer }: { body: Buffer; signature: string; signer?: string },
    routes: SignedEnvelopeRoute[],
    verdicts: RuleVerdict[],
  ): Promise<void> {
    const headers = {
      'pcms-signature': signature,
      'pcms-message-type': envelope.type,
      'pcms-correlation-id': envelope.correlationId,
      // Said only of the gateway's own signature: the platform delivery hands it on unchanged.
      ...(signer ? { 'pcms-signer': signer } : {}),
    };
    const { skipped } = await this.ledger.sendOnce(
      envelope.id,
      routes,
      (route) => route.routingKey,
      (route) => this.amqp.publish(route, body, { messageId: envelope.id, headers }),
    );
    const log = forMessage(this.logger, { messageId: envelope.id, correlationId: envelope.correlationId });
    if (skipped.length > 0) {
      log.info(
        { stage: 'route', skipped: skipped.map((route) => route.routingKey) },
        'already forwarded there, not again / déjà transmis, pas de nouvel envoi',
      );
    }
    log.info({ stage: 'route', verdicts }, 'routed');
  }
}
