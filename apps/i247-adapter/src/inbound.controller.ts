import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import { DedupeStore } from '@pcms/dedupe';
import { JournalEmitter, receivedStage } from '@pcms/journal-emitter';
import { forMessage, type Logger } from '@pcms/logging';
import { AmqpConnection, GATEWAY_TOPOLOGY, publishEnvelope, type GatewayTopology } from '@pcms/messaging';
import {
  InboundNoticePipeline,
  InboundRejectionCode,
  oversizeRecord,
  PipelineRejection,
  refusalRecord,
  type AcceptedNotice,
} from '@pcms/pipeline';
import {
  APP_LOGGER,
  assertBrokerNotBlocked,
  assertRedisReady,
  GATEWAY_CONFIG,
  GATEWAY_SIGNER,
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
import { TrustError, type CmsSigner } from '@pcms/trust';
import type { LoadedConfig } from '@pcms/config';
import type { Redis } from 'ioredis';
import type { IncomingMessage } from 'node:http';

type RawBodyRequest = IncomingMessage & BoundedBodyRequest;
interface JsonResponse {
  setHeader(name: string, value: string): JsonResponse;
  status(code: number): JsonResponse;
  json(body: unknown): void;
}

/** Notices from the I-24/7-like peer: verified against the peer's certificate, mapped, handed on. */
@Controller('inbound')
export class InboundController {
  constructor(
    private readonly pipeline: InboundNoticePipeline,
    private readonly amqp: AmqpConnection,
    @Inject(GATEWAY_SIGNER) private readonly signer: CmsSigner,
    @Inject(GATEWAY_TOPOLOGY) private readonly topology: GatewayTopology,
    @Inject(GATEWAY_CONFIG) private readonly config: LoadedConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
    private readonly journal: JournalEmitter,
    private readonly dedupe: DedupeStore,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /**
   * 202 `{ messageId }` accepted; 200 `{ duplicate: true, messageId }` when the same notice was
   * already handed on (the sender learns that nothing new happens); otherwise `{ code, reason }`,
   * and the document is quarantined with that reason.
   */
  @Post('notices')
  async receive(@Req() req: RawBodyRequest, @Res() res: JsonResponse): Promise<void> {
    const document = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signature = headerOf(req, SignedHttpHeader.SIGNATURE);
    const peerMessageId = headerOf(req, SignedHttpHeader.MESSAGE_ID);
    const { oversize } = req;
    // Before anything: a blocked broker would hold the peer's request up to the publish timeout, an
    // unreachable Redis until it is back (its client queues the dedupe claim).
    assertBrokerNotBlocked(this.amqp);
    assertRedisReady(this.redis);
    try {
      this.checkClient(req);
      if (oversize) {
        throw new PipelineRejection(
          InboundRejectionCode.TOO_LARGE,
          'size',
          `the notice is ${oversize.bytes} bytes; the limit is ${this.config.limits.maxMessageBytes}`,
        );
      }
      const accepted = await this.pipeline.run({
        document,
        signature: signature ? Buffer.from(signature, 'base64') : undefined,
      });
      const { envelope } = accepted;
      // The id derives from the notice's bytes: the same notice again is the same id.
      const claim = await this.dedupe.claim(envelope.id, document);
      if (claim === 'in-progress') {
        // Another copy is being handed on, or a crashed one's claim has not expired: saying
        // "duplicate" could lose it, so the peer is asked to come back (RFC 9110 §15.6.4).
        res
          .setHeader('Retry-After', String(RETRY_AFTER_SECONDS))
          .status(503)
          .json({ code: 'INBOUND_IN_PROGRESS', reason: `${envelope.id} is being handed on; retry` });
        return;
      }
      if (claim === 'duplicate') {
        await this.journal.emit({
          messageId: envelope.id,
          correlationId: envelope.correlationId,
          stage: 'deduplicated',
          details: { door: 'https', peerMessageId },
          discriminator: peerMessageId,
        });
        forMessage(this.logger, { messageId: envelope.id }).info(
          { stage: 'dedupe', peerMessageId },
          'inbound notice already received',
        );
        res.status(200).json({ duplicate: true, messageId: envelope.id });
        return;
      }
      try {
        await this.handOn(accepted, document, peerMessageId);
      } catch (error: unknown) {
        // Not confirmed: forget the claim so that the peer's retry is taken as new.
        await this.dedupe.release(envelope.id, document);
        throw error;
      }
      await this.dedupe.complete(envelope.id, document);
      res.status(202).json({ messageId: envelope.id });
    } catch (error: unknown) {
      const rejection = asRejection(error);
      // A body past the limit is recorded, never kept: size, door, client, digest of its first bytes.
      const where = { door: 'https' as const, client: clientIdOf(req) };
      const record =
        oversize || rejection.stage === 'size'
          ? oversizeRecord(where, oversize ?? document)
          : refusalRecord(where, document);
      await this.amqp.quarantine(record.body, rejection, {
        messageId: peerMessageId,
        origin: 'i247-adapter.inbound',
        headers: { ...(signature ? { [SignedHttpHeader.SIGNATURE]: signature } : {}), ...record.headers },
      });
      this.logger.warn(
        { peerMessageId, code: rejection.code, stage: rejection.stage },
        'inbound notice quarantined',
      );
      if (peerMessageId) {
        const why = { code: rejection.code, reason: rejection.reason, stage: rejection.stage };
        await this.journal.emit([
          { messageId: peerMessageId, stage: 'received', details: { door: 'https', peerMessageId } },
          { messageId: peerMessageId, stage: 'rejected', details: why },
          { messageId: peerMessageId, stage: 'dead-lettered', details: { ...why, queue: 'dead-letters' } },
        ]);
      }
      res.status(statusOf(rejection)).json({ code: rejection.code, reason: rejection.reason });
    }
  }

  /** Journals the notice as received, verified and mapped, then publishes it signed by the gateway. */
  private async handOn(
    accepted: AcceptedNotice,
    document: Buffer,
    peerMessageId: string | undefined,
  ): Promise<void> {
    const { envelope } = accepted;
    // Journaled before the next hop, so that the router's events always come after these.
    const ids = { messageId: envelope.id, correlationId: envelope.correlationId };
    await this.journal.emit([
      // The notice as the peer sent it.
      receivedStage(
        envelope,
        { door: 'https', peerMessageId },
        { contentType: 'application/xml', bytes: document },
      ),
      {
        ...ids,
        stage: 'verified',
        details: { signer: accepted.signer.signerId, fingerprint: accepted.signer.fingerprintSha256 },
      },
      { ...ids, stage: 'mapped', details: { mapping: accepted.mapping, direction: 'inbound' } },
    ]);
    // What the gateway puts on the bus it signs: the peer's signature covers the notice, not this.
    await publishEnvelope(this.amqp, this.topology.routes.inbound(envelope.type), {
      envelope,
      body: accepted.body,
      signature: this.signer.sign(accepted.body),
      headers: {
        'pcms-origin-signer': accepted.signer.signerId,
        // Which mapping version made these bytes, readable without the journal.
        'pcms-mapping': `${accepted.mapping.id}@${accepted.mapping.version}`,
      },
    });
    forMessage(this.logger, { messageId: envelope.id }).info(
      { stage: 'map', peerMessageId, mapping: accepted.mapping },
      'inbound notice accepted',
    );
  }

  /** The TLS client certificate must be the configured peer's: platforms use their own doors. */
  private checkClient(req: RawBodyRequest): void {
    const client = clientIdentity(req);
    if (client.id !== this.config.i247Adapter.peerId) {
      throw new PipelineRejection(
        'CLIENT_NOT_ALLOWED',
        'verify',
        `${client.id} may not send notices through this door`,
      );
    }
  }
}

function asRejection(error: unknown): PipelineRejection {
  if (error instanceof PipelineRejection) return error;
  if (error instanceof SignedHttpError)
    return new PipelineRejection(error.code, 'verify', error.message, { cause: error });
  throw error;
}

/** The TLS client's party id, for the record; none when the certificate names no party. */
function clientIdOf(req: RawBodyRequest): string | undefined {
  try {
    return clientIdentity(req).id;
  } catch {
    return undefined;
  }
}

function statusOf(rejection: PipelineRejection): number {
  if (rejection.cause instanceof TrustError) return httpStatusOfTrustCode(rejection.cause.code);
  if (rejection.code === 'CLIENT_NOT_ALLOWED' || rejection.code.startsWith('HTTP_CLIENT')) return 403;
  if (rejection.stage === 'size') return 413;
  return 422;
}

function headerOf(req: RawBodyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
