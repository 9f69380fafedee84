import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { forMessage, type Logger } from '@pcms/logging';
import {
  JUDICIAL_MESSAGES_PATH,
  JudicialDoor,
  type JudicialDoorInput,
  type JudicialDoorRefusal,
} from '@pcms/judicial';
import { AmqpConnection } from '@pcms/messaging';
import { GatewayMetrics } from '@pcms/observability';
import {
  APP_LOGGER,
  assertBrokerNotBlocked,
  assertRedisReady,
  countDuplicate,
  countRejection,
  REDIS,
  RETRY_AFTER_SECONDS,
} from '@pcms/runtime';
import {
  clientIdentity,
  httpStatusOfTrustCode,
  SignedHttpError,
  SignedHttpHeader,
  type BoundedBodyRequest,
} from '@pcms/signed-http';
import type { TrustErrorCode } from '@pcms/trust';
import type { Redis } from 'ioredis';

interface JsonResponse {
  setHeader(name: string, value: string): JsonResponse;
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

/**
 * `POST /judicial/messages`: 202 `{ messageId, receipt: 'accepted' }`; 200 `{ duplicate: true,
 * messageId }` for the same message again; 4xx `{ code, reason }` for a refusal (quarantined with
 * its reason); 503 with Retry-After when the broker, Redis or the store cannot take it now (the
 * exception filter answers the outages the door throws on).
 */
@Controller()
export class JudicialDoorController {
  constructor(
    private readonly door: JudicialDoor,
    private readonly amqp: AmqpConnection,
    private readonly metrics: GatewayMetrics,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  @Post(JUDICIAL_MESSAGES_PATH)
  async receive(@Req() req: BoundedBodyRequest, @Res() res: JsonResponse): Promise<void> {
    // Before anything: a blocked broker would hold the authority's request up to the publish timeout,
    // an unreachable Redis until it is back (its client queues the claim).
    assertBrokerNotBlocked(this.amqp);
    assertRedisReady(this.redis);
    const input: JudicialDoorInput = {
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      oversize: req.oversize,
      signature: headerOf(req, SignedHttpHeader.SIGNATURE),
      messageIdHeader: headerOf(req, SignedHttpHeader.MESSAGE_ID),
      client: clientOf(req),
    };
    const answer = await this.door.receive(input);
    switch (answer.outcome) {
      case 'accepted':
        forMessage(this.logger, { messageId: answer.messageId }).info(
          { stage: 'door' },
          'judicial message accepted / message judiciaire accepté',
        );
        res.status(202).json({ messageId: answer.messageId, receipt: 'accepted' });
        return;
      case 'duplicate':
        countDuplicate(this.metrics);
        res.status(200).json({ duplicate: true, messageId: answer.messageId });
        return;
      case 'in-progress':
        // Another copy is being taken, or a crashed one's claim has not lapsed: saying "duplicate"
        // could lose it, so the sender is asked to come back (RFC 9110 §15.6.4).
        res
          .setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
          .status(503)
          .json({
            code: 'JUDICIAL_IN_PROGRESS',
            reason: `${answer.messageId} is being taken; retry / ${answer.messageId} est en cours de prise en charge ; réessayez`,
          });
        return;
      case 'unavailable':
        // The sender's own system could not serve its attachments now: no verdict, nothing kept.
        this.logger.warn(
          { messageId: answer.messageId, code: answer.code },
          'attachments unreachable, the sender is asked to retry / pièces jointes injoignables, l’expéditeur doit réessayer',
        );
        res
          .setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
          .status(503)
          .json({ code: answer.code, reason: `${answer.reason} / ${answer.raison}` });
        return;
      case 'refused': {
        const { refusal } = answer;
        countRejection(this.metrics, refusal.code, refusal.stage);
        this.logger.warn(
          { messageId: input.messageIdHeader, code: refusal.code, stage: refusal.stage },
          'judicial message refused and quarantined / message judiciaire refusé et mis en quarantaine',
        );
        res
          .status(statusOf(refusal))
          .json({ code: refusal.code, reason: `${refusal.reason} / ${refusal.raison}` });
        return;
      }
    }
  }
}

/** The door judges the client; the HTTP layer only reads what the handshake authenticated. */
function clientOf(req: BoundedBodyRequest): JudicialDoorInput['client'] {
  try {
    return clientIdentity(req);
  } catch (error: unknown) {
    if (!(error instanceof SignedHttpError)) throw error;
    return { refused: { code: error.code, reason: error.message } };
  }
}

/** 4xx: do not send the same bytes again. */
function statusOf(refusal: JudicialDoorRefusal): number {
  switch (refusal.fault) {
    case 'client':
      return 403;
    case 'signature':
      return httpStatusOfTrustCode(refusal.trustCode as TrustErrorCode);
    case 'size':
      return 413;
    case 'conflict':
      return 409;
    case 'content':
      return 422;
  }
}

function headerOf(req: BoundedBodyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
