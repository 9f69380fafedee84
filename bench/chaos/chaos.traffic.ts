// The chaos run's traffic, as the platforms and the peer would send it: each outbound message is
// signed once by its sender platform and submitted on the AMQP door until the broker confirms it
// (the same bytes again after a failure, as a platform retries); each inbound notice is signed by
// the peer and posted until the gateway answers 202, alternating between the two instances' doors.
import { canonicalBytes, type PcmsEnvelope, type PlatformId } from '@pcms/envelope';
import type { AmqpConnection, GatewayTopology } from '@pcms/messaging';
import { PeerSender } from '@pcms/peer';
import { PlatformClient } from '@pcms/platform-client';
import { CmsSigner, type Credential } from '@pcms/trust';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import {
  INBOUND_FIXTURES,
  OUTBOUND_DESTINATIONS,
  OUTBOUND_FIXTURES,
  type PlannedMessage,
} from './chaos.plan';

const RETRY_MS = 1000;

export interface SendResult {
  /** The gateway's message id: the envelope id, or the id the peer door derived from the notice. */
  messageId: string;
  /** Attempts before the broker or the door took it. */
  attempts: number;
}

/** The gateway's door refused a notice (4xx): a bug of the run or of the gateway, reported as such. */
export class DoorRefusal extends Error {}

export class ChaosTraffic {
  private readonly outboundTemplates: PcmsEnvelope[];
  private readonly inboundTemplates: string[];
  private readonly platforms = new Map<PlatformId, { client: PlatformClient; signer: CmsSigner }>();
  private readonly doors: PeerSender[];
  private stopped = false;

  constructor(
    projectRoot: string,
    private readonly amqp: AmqpConnection,
    private readonly topology: GatewayTopology,
    private readonly credentialOf: (party: string) => Credential,
    private readonly caPem: string,
    peerDoors: { url: string; timeoutMs: number }[],
  ) {
    this.outboundTemplates = OUTBOUND_FIXTURES.map(
      (path) =>
        JSON.parse(readFileSync(join(projectRoot, 'mappings', `${path}.input.json`), 'utf8')) as PcmsEnvelope,
    );
    this.inboundTemplates = INBOUND_FIXTURES.map(({ file }) => readFileSync(join(projectRoot, file), 'utf8'));
    this.doors = peerDoors.map(
      ({ url, timeoutMs }) =>
        new PeerSender({ credential: credentialOf('I247-PEER'), caPem, gatewayUrl: url, timeoutMs }),
    );
  }

  /** Ends the retry loops of sends still trying (the run's time bound). */
  stop(): void {
    this.stopped = true;
    for (const door of this.doors) door.close();
  }

  send(message: PlannedMessage, onRetry: (why: string) => void): Promise<SendResult | undefined> {
    return message.kind === 'inbound' ? this.sendInbound(message, onRetry) : this.submit(message, onRetry);
  }

  /** The envelope of a planned outbound message (exported for the canaries). */
  envelopeOf(message: PlannedMessage): PcmsEnvelope {
    const template = this.outboundTemplates[message.fixture];
    const envelope: PcmsEnvelope = {
      ...template,
      id: message.id,
      createdAt: new Date().toISOString(),
      recipients: message.kind === 'refused' ? ['INTERPOL'] : [...OUTBOUND_DESTINATIONS],
    };
    if (message.kind === 'held') envelope.handling = { ...template.handling, originatorConsent: false };
    if (message.refusal === 'classification') envelope.classification = 'CONFIDENTIAL';
    if (message.refusal === 'releasability') envelope.handling = { ...template.handling, releasableTo: [] };
    return envelope;
  }

  private platform(id: PlatformId): { client: PlatformClient; signer: CmsSigner } {
    let platform = this.platforms.get(id);
    if (!platform) {
      const credential = this.credentialOf(id);
      platform = {
        client: new PlatformClient(id, credential, this.caPem, this.amqp, this.topology),
        signer: new CmsSigner(credential),
      };
      this.platforms.set(id, platform);
    }
    return platform;
  }

  private async submit(
    message: PlannedMessage,
    onRetry: (why: string) => void,
  ): Promise<SendResult | undefined> {
    const envelope = this.envelopeOf(message);
    const { client, signer } = this.platform(envelope.sender as PlatformId);
    const body = canonicalBytes(envelope);
    const signature = signer.sign(body);
    for (let attempts = 1; !this.stopped; attempts += 1) {
      try {
        await client.submitSigned(body, signature, envelope.id);
        return { messageId: envelope.id, attempts };
      } catch (error: unknown) {
        onRetry(`submit ${envelope.id}: ${error instanceof Error ? error.message : String(error)}`);
        await delay(RETRY_MS);
      }
    }
    return undefined;
  }

  private async sendInbound(
    message: PlannedMessage,
    onRetry: (why: string) => void,
  ): Promise<SendResult | undefined> {
    const template = this.inboundTemplates[message.fixture];
    const xml = Buffer.from(
      template.replace(/<NoticeID>[^<]*<\/NoticeID>/, `<NoticeID>${message.id}</NoticeID>`),
    );
    for (let attempts = 1; !this.stopped; attempts += 1) {
      const door = this.doors[(attempts - 1) % this.doors.length];
      try {
        const response = await door.send(xml, `chaos-${message.index}`);
        if (response.status === 202 || response.status === 200) {
          return { messageId: (JSON.parse(response.body) as { messageId: string }).messageId, attempts };
        }
        const why = `notice ${message.id}: ${response.status} ${response.body.slice(0, 200)}`;
        // A refusal is a verdict on the notice, not an outage: sending it again changes nothing.
        if (response.status < 500) throw new DoorRefusal(why);
        onRetry(why);
      } catch (error: unknown) {
        if (error instanceof DoorRefusal) throw error;
        onRetry(`notice ${message.id}: ${error instanceof Error ? error.message : String(error)}`);
      }
      await delay(RETRY_MS);
    }
    return undefined;
  }
}
