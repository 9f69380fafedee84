import { I247NoticeCodec } from './codecs/i247-notice.codec';
import { InterpolPublicJsonCodec } from './codecs/interpol-public-json.codec';
import { PcmsEnvelopeCodec } from './codecs/pcms-envelope.codec';
import type { KnownFormats } from '@pcms/mapping';
import type { FormatCodec } from './format.codec';
import { TranslationError, TranslationErrorCode } from './translation.error';

/** The formats the gateway speaks, by name (the `format` of a mapping's source and target). */
export class FormatRegistry {
  private readonly codecs = new Map<string, FormatCodec>();

  /** Every built-in format, registered here and nowhere else. */
  static withDefaults(): FormatRegistry {
    return new FormatRegistry()
      .register(new PcmsEnvelopeCodec())
      .register(new I247NoticeCodec())
      .register(new InterpolPublicJsonCodec());
  }

  register(codec: FormatCodec): this {
    this.codecs.set(codec.format, codec);
    return this;
  }

  get(format: string): FormatCodec {
    const codec = this.codecs.get(format);
    if (!codec) {
      throw new TranslationError(
        TranslationErrorCode.FormatUnknown,
        `unknown format "${format}" (known: ${this.formats().join(', ')})`,
      );
    }
    return codec;
  }

  formats(): string[] {
    return [...this.codecs.keys()];
  }

  /** Every format with its declared types (empty when its codec declares none), for the parser. */
  known(): KnownFormats {
    return Object.fromEntries([...this.codecs.values()].map((codec) => [codec.format, codec.types ?? []]));
  }
}
