// Hands a routed judicial message to delivery: one gateway-signed job per authority (its endpoint,
// or the profile's default one), a DIFFUSION on the I-24/7 adapter's queue for the INTERPOL
// channel, and a `relayed` receipt for each in the request's transport log.
import type { DeliveryQueue, EnqueueOutcome, NoticeDeliveryJob } from '@pcms/delivery';
import type { Translator } from '@pcms/translation';
import type { CmsSigner } from '@pcms/trust';
import type { JudicialDirectory } from '../directory/judicial-directory';
import { judicialRequestToDiffusion } from '../interpol/judicial-diffusion.codec';
import type { JudicialStore, ReceiptStoreOutcome } from '../store/judicial-store.types';
import type { JudicialDestination, JudicialMessage, JudicialRequestMessage } from '../wire/judicial-message';
import type { JudicialDeliveryJob } from './judicial-delivery.job';
import type { JudicialDeliveryQueue } from './judicial-delivery.queue';

/** The name the journal and the receipts give the INTERPOL channel's destination. */
export const INTERPOL_DESTINATION = 'INTERPOL';

/**
 * Where an authority without an `endpoint` of its own is reached (one system plays them all in
 * demo and tests); each delivery there names its authority in the query, `?to=<authority id>`.
 */
export interface DefaultEndpoint {
  url: string;
  /** The certificate identity (CN) that system presents; absent, the authority's own id. */
  serverId?: string;
}

export interface JudicialDispatcherOptions {
  deliveries: JudicialDeliveryQueue;
  /** The I-24/7 adapter's delivery queue (`i247-delivery`, same Redis prefix): it runs those jobs. */
  interpol: DeliveryQueue<NoticeDeliveryJob>;
  /** The gateway's signer: it signs every byte it sends. */
  signer: CmsSigner;
  directory: JudicialDirectory;
  /** Holds the mappings: the DIFFUSION is written by request-information-to-diffusion. */
  translator: Translator;
  store: Pick<JudicialStore, 'recordReceipt'>;
  defaultEndpoint: DefaultEndpoint;
  clock?: () => Date;
}

/** One destination handed over: what the journal's `routed` entry and the logs say of it. */
export interface Dispatched {
  /** An authority id, or INTERPOL. */
  destination: string;
  rule: string;
  outcome: EnqueueOutcome;
  /** Where an authority's job will POST it. */
  url?: string;
  /** The DIFFUSION's mapping, for INTERPOL. */
  mapping?: { id: string; version: string };
  /** The `relayed` receipt, when the message is about a stored request. */
  receipt?: ReceiptStoreOutcome['outcome'];
}

/** The request a message is about: a request's own id, a status's, a contact's `relatesTo`. */
export function requestIdOf(message: JudicialMessage): string | undefined {
  switch (message.type) {
    case 'judicial.request':
    case 'judicial.status':
      return message.payload.requestId;
    case 'judicial.contact':
      return message.payload.relatesTo;
  }
}

/**
 * Where a delivery to `authorityId` goes, and the identity it pins: the authority's own endpoint
 * and its own id, else the default endpoint and the shared system's id.
 */
export function endpointOf(
  directory: JudicialDirectory,
  defaultEndpoint: DefaultEndpoint,
  authorityId: string,
): { url: string; serverId: string } {
  const endpoint = directory.authority(authorityId)?.endpoint;
  if (endpoint) return { url: endpoint, serverId: authorityId };
  // One system behind the default endpoint may play several authorities (the local judicial
  // peer plays them all): `?to=<id>` says which one a delivery is for.
  const addressed = new URL(defaultEndpoint.url);
  addressed.searchParams.set('to', authorityId);
  return { url: addressed.toString(), serverId: defaultEndpoint.serverId ?? authorityId };
}

export class JudicialDispatcher {
  constructor(private readonly options: JudicialDispatcherOptions) {}

  /**
   * Queues every destination; resolves once each job is in Redis and each receipt recorded. Safe
   * to run again for the same message (a redelivered route message): jobs are keyed by message
   * and destination, receipts by message, evidence and issuer.
   */
  async dispatch(
    message: JudicialMessage,
    bytes: Buffer,
    destinations: readonly JudicialDestination[],
  ): Promise<Dispatched[]> {
    const correlationId = requestIdOf(message);
    let signatureB64: string | undefined;
    const dispatched: Dispatched[] = [];
    for (const destination of destinations) {
      if (destination.kind === 'interpol') {
        if (message.type !== 'judicial.request') continue; // decideJudicial names INTERPOL for requests only
        dispatched.push(await this.toInterpol(message, destination.rule));
        continue;
      }
      signatureB64 ??= this.options.signer.sign(bytes).toString('base64');
      const { url, serverId } = endpointOf(
        this.options.directory,
        this.options.defaultEndpoint,
        destination.authorityId,
      );
      const job: JudicialDeliveryJob = {
        messageId: message.id,
        ...(correlationId ? { correlationId } : {}),
        messageType: message.type,
        authorityId: destination.authorityId,
        url,
        serverId,
        body: bytes.toString('utf8'),
        signatureB64,
        rule: destination.rule,
      };
      const outcome = await this.options.deliveries.enqueue(job);
      dispatched.push({ destination: destination.authorityId, rule: destination.rule, outcome, url });
    }
    if (message.type === 'judicial.contact') return dispatched;
    // A status about a request the store does not hold has no destination: nothing to record.
    for (const entry of dispatched) {
      entry.receipt = await this.relayed(message, entry.destination);
    }
    return dispatched;
  }

  private async toInterpol(message: JudicialRequestMessage, rule: string): Promise<Dispatched> {
    const { noticeXml, mapping } = judicialRequestToDiffusion(
      message,
      this.options.directory,
      this.options.translator,
    );
    const outcome = await this.options.interpol.enqueue({
      messageId: message.id,
      correlationId: message.payload.requestId,
      noticeXml,
      signatureB64: this.options.signer.sign(Buffer.from(noticeXml, 'utf8')).toString('base64'),
      mapping,
    });
    return { destination: INTERPOL_DESTINATION, rule, outcome, mapping };
  }

  private async relayed(
    message: JudicialMessage,
    destination: string,
  ): Promise<ReceiptStoreOutcome['outcome']> {
    const requestId = requestIdOf(message);
    if (requestId === undefined) return 'refused';
    const at = (this.options.clock?.() ?? new Date()).toISOString();
    // The issuer names the destination: the store keeps one receipt per message, evidence and
    // issuer, and a message relayed to two authorities is two pieces of evidence.
    const stored = await this.options.store.recordReceipt({
      messageId: message.id,
      requestId,
      evidence: 'relayed',
      issuer: destination,
      at,
    });
    return stored.outcome;
  }
}
