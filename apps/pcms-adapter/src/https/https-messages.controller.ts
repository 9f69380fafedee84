import { Controller, Get, Inject, Query, Req, Res } from '@nestjs/common';
import type { PlatformId } from '@pcms/envelope';
import type { Logger } from '@pcms/logging';
import { AmqpConnection, GATEWAY_TOPOLOGY, type GatewayTopology } from '@pcms/messaging';
import { PipelineRejection } from '@pcms/pipeline';
import { SignatureVerifier } from '@pcms/trust';
import { APP_LOGGER } from '@pcms/runtime';
import type { GetMessage } from 'amqplib';
import {
  PlatformDoorCode,
  platformOfClient,
  sendRejection,
  statusOfRejection,
  type JsonResponse,
  type RawBodyRequest,
} from './platform-door.http';

/** Most messages one GET may take; a platform asks again for more. */
export const MAX_MESSAGES_PER_READ = 100;
const DEFAULT_MESSAGES_PER_READ = 10;

/** What a platform reads: the exact bytes the gateway signed, so that it verifies them itself. */
export interface PlatformMessage {
  messageId?: string;
  envelope: unknown;
  /** Base64 of the canonical JSON bytes. */
  body: string;
  /** Base64 of the gateway's detached CMS SignedData (DER) over `body`. */
  signature: string;
}

/**
 * GET /messages?max=N: takes up to N messages from the client's own platform queue. The queue
 * is the certificate's, never a parameter: a platform cannot name another. Messages are
 * acknowledged only once the answer has been written out; if the client goes away first, they
 * return to the queue (at-least-once: platforms deduplicate by message id).
 */
@Controller()
export class HttpsMessagesController {
  constructor(
    private readonly verifier: SignatureVerifier,
    private readonly amqp: AmqpConnection,
    @Inject(GATEWAY_TOPOLOGY) private readonly topology: GatewayTopology,
    @Inject(APP_LOGGER) private readonly logger: Logger,
  ) {}

  @Get('messages')
  async read(
    @Req() req: RawBodyRequest,
    @Res() res: JsonResponse,
    @Query('max') max: string | undefined,
  ): Promise<void> {
    let platform: PlatformId;
    let count: number;
    try {
      platform = platformOfClient(req, this.verifier);
      count = parseMax(max);
    } catch (error: unknown) {
      if (!(error instanceof PipelineRejection)) throw error;
      sendRejection(res, statusOfRejection(error), error.code, error.reason);
      return;
    }
    const queue = this.topology.queues.platforms[platform].name;
    await this.amqp.withTemporaryChannel(async (channel) => {
      const taken: GetMessage[] = [];
      while (taken.length < count) {
        const message = await channel.get(queue, { noAck: false });
        if (!message) break;
        taken.push(message);
      }
      const written = waitUntilWritten(res);
      res.status(200).json({ messages: taken.map(toPlatformMessage) });
      // Unacknowledged messages go back to the queue when the channel closes.
      if (!(await written)) return;
      for (const message of taken) channel.ack(message);
      this.logger.info({ platform, count: taken.length, door: 'https' }, 'platform messages read');
    });
  }
}

function parseMax(max: string | undefined): number {
  if (max === undefined) return DEFAULT_MESSAGES_PER_READ;
  const value = Number(max);
  if (!/^\d+$/.test(max) || value < 1 || value > MAX_MESSAGES_PER_READ) {
    throw new PipelineRejection(
      PlatformDoorCode.MAX_INVALID,
      'validate',
      `max must be an integer from 1 to ${MAX_MESSAGES_PER_READ}`,
    );
  }
  return value;
}

function toPlatformMessage(message: GetMessage): PlatformMessage {
  const signature: unknown = message.properties.headers?.['pcms-signature'];
  return {
    messageId: (message.properties.messageId as string | undefined) ?? undefined,
    envelope: parseOrNull(message.content),
    body: message.content.toString('base64'),
    signature: typeof signature === 'string' ? signature : '',
  };
}

/** The gateway wrote these bytes; should one not parse, the platform still gets it to look at. */
function parseOrNull(body: Buffer): unknown {
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    return null;
  }
}

/** True once the whole answer was handed to the socket, false if the connection closed first. */
function waitUntilWritten(res: JsonResponse): Promise<boolean> {
  return new Promise((resolve) => {
    res.once('finish', () => resolve(true));
    res.once('close', () => resolve(res.writableFinished));
  });
}
