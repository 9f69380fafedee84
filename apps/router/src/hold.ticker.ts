import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { LoadedConfig } from '@pcms/config';
import { RouteLedger } from '@pcms/dedupe';
import { parseEnvelope } from '@pcms/envelope';
import {
  HoldReleaseCheck,
  HoldsError,
  type Hold,
  type HoldStore,
  type HoldToForward,
  type VerifiedApproval,
} from '@pcms/holds';
import { JournalEmitter } from '@pcms/journal-emitter';
import { forMessage, type Logger } from '@pcms/logging';
import { AmqpConnection, GATEWAY_TOPOLOGY, type GatewayTopology } from '@pcms/messaging';
import { GatewayMetrics } from '@pcms/observability';
import { RequestCorrelationStore, type RoutingPolicy } from '@pcms/routing';
import { APP_LOGGER, GATEWAY_CONFIG } from '@pcms/runtime';
import { SignatureVerifier } from '@pcms/trust';
import { Counter, Gauge } from 'prom-client';
import { HOLD_STORE } from './hold-store.token';
import { ROUTING_POLICY } from './routing-policy.token';

/**
 * The holds' clock, a timer in every router rather than a bull repeatable job: each tick is two
 * indexed queries, every state change in it is a conditional update (so several routers never
 * forward or report one hold twice), and a release must leave within seconds of the last approval,
 * which a shared schedule would only delay. No lease either (`@pcms/lease`), for the same reason:
 * with N routers (issue 12) every one ticks, and the conditional updates decide which one acts on
 * each hold (test/instances/hold-expiry: two routers ticking at one instant report each of thirty
 * overdue holds once; without the condition, twice). Each tick:
 * - re-verifies the approvals of each released hold (HoldReleaseCheck: signatures against the CA
 *   and the CRL in force, operator role, distinct operators, count) and opens its sealed bytes; a
 *   hold that fails either never leaves: it ends `unverified`, journal `failed` with the code, a
 *   warning, a counter;
 * - forwards the others exactly as an unheld release leaves (same route, bytes and signature),
 *   journaled `released` with the operators whose approvals verified;
 * - expires overdue holds: journal `failed` with HOLD_EXPIRED, a warning, a counter;
 * - sets the gauge of waiting holds.
 */
@Injectable()
export class HoldTicker implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private readonly waiting: Gauge;
  private readonly expired: Counter;
  private readonly unverified: Counter;
  private readonly failures: Counter<'step'>;
  private readonly check: HoldReleaseCheck;
  /** holds.tickSeconds: how often; holds.claimSeconds: how long a forward owns its hold. */
  private readonly tickMs: number;
  private readonly claimMs: number;

  constructor(
    @Inject(HOLD_STORE) private readonly store: HoldStore,
    private readonly amqp: AmqpConnection,
    @Inject(GATEWAY_TOPOLOGY) private readonly topology: GatewayTopology,
    private readonly journal: JournalEmitter,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly requests: RequestCorrelationStore,
    metrics: GatewayMetrics,
    // The process's verifier: PkiMaintenance keeps the deployment's revocation list current in it.
    verifier: SignatureVerifier,
    @Inject(ROUTING_POLICY) private readonly policy: RoutingPolicy,
    @Inject(GATEWAY_CONFIG) config: LoadedConfig,
    private readonly ledger: RouteLedger,
  ) {
    this.check = new HoldReleaseCheck(verifier);
    this.tickMs = config.holds.tickSeconds * 1000;
    this.claimMs = config.holds.claimSeconds * 1000;
    this.waiting = new Gauge({
      name: 'pcms_holds_waiting',
      help: 'Messages waiting in a hold for operators to release them',
      registers: [metrics.registry],
    });
    this.expired = new Counter({
      name: 'pcms_holds_expired_total',
      help: 'Holds that expired before enough operators released them',
      registers: [metrics.registry],
    });
    this.unverified = new Counter({
      name: 'pcms_holds_unverified_total',
      help: 'Released holds not forwarded because their approvals or sealed bytes did not verify',
      registers: [metrics.registry],
    });
    this.failures = new Counter({
      name: 'pcms_holds_tick_failures_total',
      help: 'Holds a tick could not forward or report (tried again later); the other holds went on',
      labelNames: ['step'],
      registers: [metrics.registry],
    });
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      // One tick at a time: a slow database never stacks ticks.
      this.running ??= this.tick().finally(() => (this.running = undefined));
    }, this.tickMs);
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    await this.store.close();
  }

  /** One pass; errors are logged and the next tick tries again (nothing is lost: the rows stay). */
  async tick(now = new Date()): Promise<void> {
    try {
      for (const released of await this.store.claimReleased(now, this.claimMs)) {
        await this.isolated(released.hold, 'forward', () => this.forward(released));
      }
      for (const hold of await this.store.expireDue(now)) {
        await this.isolated(hold, 'expire', () => this.reportExpired(hold));
      }
      this.waiting.set((await this.store.counts()).waiting);
    } catch (error: unknown) {
      this.logger.error({ err: error }, 'hold tick failed / échec du passage sur les retenues');
    }
  }

  /**
   * One hold's failure stays that hold's: a message this release cannot read, a publish refused,
   * must not keep every other released hold from leaving or every overdue one from being reported
   * (issue 11, defect 14). The hold keeps its row and its claim lapses after holds.claimSeconds,
   * so a forward is tried again then; a failure is logged with the hold's id and counted.
   */
  private async isolated(hold: Hold, step: 'forward' | 'expire', work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error: unknown) {
      this.failures.inc({ step });
      forMessage(this.logger, { messageId: hold.messageId, correlationId: hold.correlationId }).error(
        { err: error, stage: 'hold', holdId: hold.id, step },
        'hold not processed, the others go on / retenue non traitée, les autres continuent',
      );
    }
  }

  private async forward(claimed: HoldToForward): Promise<void> {
    const { hold } = claimed;
    let operators: VerifiedApproval[];
    try {
      if (!claimed.readable) throw claimed.failure;
      operators = this.check.verify(hold, claimed.body, this.approvalsAskedBy(hold.rule));
    } catch (error: unknown) {
      if (!(error instanceof HoldsError)) throw error;
      return this.reportUnverified(hold, error);
    }
    const { body, signature } = claimed;
    const envelope = parseEnvelope(body);
    // A released request is remembered like one released at once, so its reply finds the asker.
    const request =
      envelope.type === 'request.information' ? await this.requests.record(envelope) : undefined;
    const ids = { messageId: hold.messageId, correlationId: request?.correlationId ?? hold.correlationId };
    await this.journal.emit([
      { ...ids, stage: 'released', details: { holdId: hold.id, rule: hold.rule, operators } },
      {
        ...ids,
        stage: 'routed',
        discriminator: `hold:${hold.id}`,
        details: { direction: 'outbound', destinations: [hold.destination], holdId: hold.id },
      },
    ]);
    // A router that died after this publish and before markForwarded left the hold claimed; once
    // the claim lapses another tick forwards it again, and the ledger keeps that from a second copy.
    await this.ledger.sendOnce(
      envelope.id,
      [this.topology.routes.interpol(envelope.type)],
      (route) => route.routingKey,
      (route) =>
        this.amqp.publish(route, body, {
          messageId: envelope.id,
          // The same headers as a release without hold: the sender's signature travels on.
          headers: {
            'pcms-signature': signature,
            'pcms-message-type': envelope.type,
            'pcms-correlation-id': envelope.correlationId,
          },
        }),
    );
    await this.store.markForwarded(hold.id);
    forMessage(this.logger, ids).info(
      { stage: 'route', holdId: hold.id, operators: operators.map((o) => o.operatorId) },
      'released by operators / libéré par les opérateurs',
    );
  }

  /** What the policy's rule asks now; a rule gone from the policy leaves the hold's own count. */
  private approvalsAskedBy(rule: string): number {
    const current = this.policy.outbound.find((r) => `outbound.${r.name}` === rule && r.decision === 'hold');
    return current?.hold?.approvals ?? 1;
  }

  /** Journaled before the row changes: a router dying in between re-checks it after the lease (same event id). */
  private async reportUnverified(hold: Hold, error: HoldsError): Promise<void> {
    await this.journal.emit({
      messageId: hold.messageId,
      correlationId: hold.correlationId,
      stage: 'failed',
      discriminator: `hold:${hold.id}:unverified`,
      details: {
        ...error.detail,
        code: error.code,
        reason: error.message,
        holdId: hold.id,
        rule: hold.rule,
        stage: 'hold',
      },
    });
    if (!(await this.store.markUnverified(hold.id))) return;
    this.unverified.inc();
    forMessage(this.logger, { messageId: hold.messageId, correlationId: hold.correlationId }).warn(
      { stage: 'hold', holdId: hold.id, code: error.code, detail: error.detail },
      'released hold not forwarded: it does not verify / retenue libérée non transmise : elle ne se vérifie pas',
    );
  }

  private async reportExpired(hold: Hold): Promise<void> {
    const approvals = hold.decisions.filter((decision) => decision.decision === 'approve').length;
    const reason = `hold ${hold.id} expired at ${hold.expiresAt} with ${approvals} of ${hold.approvalsRequired} approvals`;
    await this.journal.emit({
      messageId: hold.messageId,
      correlationId: hold.correlationId,
      stage: 'failed',
      discriminator: `hold:${hold.id}`,
      details: { code: 'HOLD_EXPIRED', reason, holdId: hold.id, rule: hold.rule, stage: 'hold' },
    });
    this.expired.inc();
    forMessage(this.logger, { messageId: hold.messageId, correlationId: hold.correlationId }).warn(
      {
        stage: 'hold',
        holdId: hold.id,
        code: 'HOLD_EXPIRED',
        approvals,
        approvalsRequired: hold.approvalsRequired,
      },
      'hold expired without release / retenue expirée sans libération',
    );
  }
}
