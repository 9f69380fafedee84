import { Controller, Inject, Post, Req, Res } from '@nestjs/common';
import type { LoadedConfig } from '@pcms/config';
import { parseEnvelope, type PcmsEnvelope, type PlatformId } from '@pcms/envelope';
import { forMessage, type Logger } from '@pcms/logging';
import { AmqpConnection, GATEWAY_TOPOLOGY, MessagingError, type GatewayTopology } from '@pcms/messaging';
import {
  oversizeRecord,
  PipelineRejection,
  platformOf,
  refusalRecord,
  runStages,
  SubmissionRejectionCode,
  toRejection,
} from '@pcms/pipeline';
import { APP_LOGGER, assertBrokerNotBlocked, GATEWAY_CONFIG } from '@pcms/runtime';
import type { BoundedBodyRequest, OversizeBody } from '@pcms/signed-http';
import { SignatureVerifier, type VerifiedSignature } from '@pcms/trust';
import {
  headerOf,
  PlatformDoorCode,
  platformOfClient,
  sendRejection,
  SIGNATURE_HEADER,
  statusOfRejection,
  type JsonResponse,
  type RawBodyRequest,
} from './platform-door.http';

interface DoorContext {
  body: Buffer;
  /** Set when the body passed limits.maxMessageBytes: `body` is then empty (boundedRawBody). */
  oversize?: OversizeBody;
  signature: Buffer | undefined;
  client?: PlatformId;
  signer?: VerifiedSignature;
  envelope?: PcmsEnvelope;
}

/**
 * POST /submissions: a platform's alternative to publishing on `submit.<id>`. What the door
 * accepts it publishes on `submit.<id>.https` (the journal then says `door=https`), so the SubmissionPipeline runs on
 * it exactly as on an AMQP submission (verify, validate, freshness, dedupe). The door checks
 * first what lets it answer at once: who the client is, the signature, the envelope, and that
 * the client, the envelope's sender and the signer are one platform.
 */
@Controller()
export class HttpsSubmissionsController {
  constructor(
    private readonly verifier: SignatureVerifier,
    private readonly amqp: AmqpConnection,
    @Inject(GATEWAY_TOPOLOGY) private readonly topology: GatewayTopology,
    @Inject(GATEWAY_CONFIG) private readonly config: LoadedConfig,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  /** 202 `{ messageId }` once the broker confirmed; otherwise `{ code, reason }`, and the body is quarantined. */
  @Post('submissions')
  async submit(@Req() req: RawBodyRequest, @Res() res: JsonResponse): Promise<void> {
    assertBrokerNotBlocked(this.amqp);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const signatureHeader = headerOf(req, SIGNATURE_HEADER);
    const context: DoorContext = {
      body,
      oversize: (req as BoundedBodyRequest).oversize,
      signature: signatureHeader ? Buffer.from(signatureHeader, 'base64') : undefined,
    };
    let envelope: PcmsEnvelope;
    try {
      envelope = await this.check(req, context);
    } catch (error: unknown) {
      const rejection = toRejection(error, 'identity');
      // A body past the limit is recorded, never kept: size, door, client, digest of its first bytes.
      const where = { door: 'https' as const, client: context.client };
      const record =
        context.oversize || rejection.stage === 'size'
          ? oversizeRecord(where, context.oversize ?? body)
          : refusalRecord(where, body);
      try {
        await this.amqp.quarantine(record.body, rejection, {
          messageId: context.envelope?.id,
          origin: 'pcms-adapter.https',
          headers: { 'pcms-signature': signatureHeader, 'pcms-client': context.client, ...record.headers },
        });
      } catch (failure: unknown) {
        if (!(failure instanceof MessagingError)) throw failure;
        sendRejection(res, 503, PlatformDoorCode.BROKER_UNAVAILABLE, failure.message);
        return;
      }
      this.logger.warn(
        { client: context.client, code: rejection.code, stage: rejection.stage },
        'https submission quarantined',
      );
      sendRejection(res, statusOfRejection(rejection), rejection.code, rejection.reason);
      return;
    }

    const client = context.client as PlatformId;
    try {
      await this.amqp.publish(this.topology.routes.submitThroughHttps(client), body, {
        messageId: envelope.id,
        headers: { 'pcms-signature': signatureHeader as string },
      });
    } catch (error: unknown) {
      if (!(error instanceof MessagingError)) throw error;
      this.logger.warn({ messageId: envelope.id, code: error.code }, 'https submission not confirmed');
      sendRejection(res, 503, PlatformDoorCode.BROKER_UNAVAILABLE, error.message);
      return;
    }
    forMessage(this.logger, { messageId: envelope.id, correlationId: envelope.correlationId }).info(
      { stage: 'identity', client, door: 'https' },
      'https submission handed to the pipeline',
    );
    res.status(202).json({ messageId: envelope.id });
  }

  private async check(req: RawBodyRequest, context: DoorContext): Promise<PcmsEnvelope> {
    const maxBytes = this.config.limits.maxMessageBytes;
    await runStages<DoorContext>(
      [
        { name: 'identity', run: (c) => void (c.client = platformOfClient(req, this.verifier)) },
        {
          name: 'size',
          run: (c) => {
            const bytes = c.oversize?.bytes ?? c.body.length;
            if (c.oversize || bytes > maxBytes) {
              throw new PipelineRejection(
                SubmissionRejectionCode.TOO_LARGE,
                'size',
                `the message is ${bytes} bytes; the limit is ${maxBytes}`,
              );
            }
          },
        },
        { name: 'verify', run: (c) => void (c.signer = this.verifier.verify(c.body, c.signature)) },
        {
          name: 'validate',
          // The pipeline's own parse: depth, duplicate keys, canonical bytes (one envelope, one byte string).
          run: (c) =>
            void (c.envelope = parseEnvelope(c.body, {
              maxBytes,
              maxDepth: this.config.limits.maxJsonDepth,
              requireCanonical: true,
            })),
        },
        { name: 'identity', run: (c) => checkSpeaker(c) },
      ],
      context,
    );
    return context.envelope as PcmsEnvelope;
  }
}

/** One platform only: the connection's certificate, the envelope's sender and the signer (a platform's certificate too). */
function checkSpeaker({ client, envelope, signer }: DoorContext): void {
  const { signerId, role } = signer as VerifiedSignature;
  platformOf({ id: signerId, role }, SubmissionRejectionCode.SIGNER_NOT_PLATFORM);
  if (envelope?.sender !== client) {
    throw new PipelineRejection(
      PlatformDoorCode.CLIENT_NOT_SENDER,
      'identity',
      `${client} may not submit an envelope whose sender is ${envelope?.sender}`,
    );
  }
  if (signer?.signerId !== client) {
    throw new PipelineRejection(
      SubmissionRejectionCode.SENDER_MISMATCH,
      'identity',
      `the envelope claims sender ${client} but is signed by ${signer?.signerId}`,
    );
  }
}
