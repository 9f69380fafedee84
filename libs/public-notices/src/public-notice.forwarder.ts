import { canonicalBytes, type PcmsEnvelope } from '@pcms/envelope';
import { contentDerivedId } from '@pcms/pipeline';
import { InterpolPublicJsonCodec, type InterpolNoticeKind, type Translator } from '@pcms/translation';
import { createHash } from 'node:crypto';
import { g5Concern } from './g5-concern';
import type { NoticeFingerprintStore } from './notice-fingerprint.store';
import { PublicNoticesError, PublicNoticesErrorCode } from './public-notices.error';

export const PUBLIC_NOTICES_FORMAT = 'interpol-public-json';

/** Where a document came from, for the journal and the logs. */
export interface NoticeOrigin {
  source: 'poll' | 'file';
  /** The detail URL or the file path. */
  location: string;
}

/** A public notice translated to a PCMS envelope, ready for the inbound route. */
export interface TranslatedPublicNotice {
  envelope: PcmsEnvelope;
  /** Canonical bytes of `envelope`. */
  body: Buffer;
  mapping: { id: string; version: string };
  kind: InterpolNoticeKind;
  entityId: string;
  concern: string[];
  origin: NoticeOrigin;
}

/** Hands a translated notice to the gateway's inbound route (signed, journaled, published). */
export interface InboundOutlet {
  forward(notice: TranslatedPublicNotice): Promise<void>;
}

export type ForwardOutcome = 'forwarded' | 'unchanged' | 'not-concerned';

export interface ForwardResult {
  outcome: ForwardOutcome;
  kind: InterpolNoticeKind;
  entityId: string;
  messageId?: string;
  concern?: string[];
}

export interface PublicNoticeForwarderOptions {
  maxBytes: number;
  maxDepth: number;
  clock?: () => Date;
}

/**
 * One public notice: parsed, compared with what was handled before, translated, and forwarded
 * when new or changed and concerning the G5. The fingerprint is recorded only after the broker
 * confirmed the forward, so a crash in between sends the notice again (at-least-once), never loses it.
 */
export class PublicNoticeForwarder {
  private readonly codec: InterpolPublicJsonCodec;

  constructor(
    private readonly translator: Translator,
    private readonly fingerprints: Pick<NoticeFingerprintStore, 'get' | 'set'>,
    private readonly outlet: InboundOutlet,
    private readonly options: PublicNoticeForwarderOptions,
  ) {
    this.codec = new InterpolPublicJsonCodec(options);
  }

  async forward(document: Buffer, origin: NoticeOrigin): Promise<ForwardResult> {
    const tree = this.codec.parse(document) as { entity_id: string };
    const kind = this.codec.typeOf(tree) as InterpolNoticeKind | undefined;
    if (!kind) {
      throw new PublicNoticesError(
        PublicNoticesErrorCode.KindUnknown,
        `${origin.location}: neither a red, a yellow nor a UN notice`,
      );
    }
    const entityId = tree.entity_id;
    const key = `${kind}:${entityId}`;
    // The normalised tree, canonical: the same notice served with other whitespace or key order is unchanged.
    const fingerprint = createHash('sha256').update(canonicalBytes(tree)).digest('hex');
    if ((await this.fingerprints.get(key)) === fingerprint) return { outcome: 'unchanged', kind, entityId };

    // The same content always gets the same id: downstream duplicates are dropped by id.
    const messageId = contentDerivedId(Buffer.from(`${PUBLIC_NOTICES_FORMAT}:${key}:${fingerprint}`));
    const translated = this.translator.translate({
      from: PUBLIC_NOTICES_FORMAT,
      to: 'pcms-envelope',
      type: kind,
      input: document,
      context: {
        messageId,
        createdAt: (this.options.clock?.() ?? new Date()).toISOString(),
        sender: 'INTERPOL',
      },
    });
    const envelope = translated.value as PcmsEnvelope;
    const concern = g5Concern(envelope);
    if (concern.length > 0) {
      await this.outlet.forward({
        envelope,
        body: translated.output,
        mapping: translated.mapping,
        kind,
        entityId,
        concern,
        origin,
      });
    }
    await this.fingerprints.set(key, fingerprint);
    return concern.length > 0
      ? { outcome: 'forwarded', kind, entityId, messageId, concern }
      : { outcome: 'not-concerned', kind, entityId };
  }
}
