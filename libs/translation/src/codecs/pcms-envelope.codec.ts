import {
  canonicalBytes,
  EnvelopeError,
  MESSAGE_TYPES,
  parseEnvelope,
  validateEnvelope,
} from '@pcms/envelope';
import type { FormatCodec } from '../format.codec';
import { TranslationError, TranslationErrorCode } from '../translation.error';

/** The PCMS envelope as canonical JSON (RFC 8785), the bytes signatures cover. */
export class PcmsEnvelopeCodec implements FormatCodec {
  readonly format = 'pcms-envelope';
  readonly types = MESSAGE_TYPES;

  parse(input: Buffer): unknown {
    try {
      return parseEnvelope(input);
    } catch (error: unknown) {
      const issues = error instanceof EnvelopeError ? error.issues : [];
      throw new TranslationError(
        TranslationErrorCode.InputInvalid,
        'the input is not a valid PCMS envelope',
        {
          cause: error,
          issues,
        },
      );
    }
  }

  serialize(value: unknown): Buffer {
    const result = validateEnvelope(value);
    if (!result.ok) {
      throw new TranslationError(
        TranslationErrorCode.OutputInvalid,
        `the mapped envelope is invalid (${result.issues.map((issue) => `${issue.path}: ${issue.reason}`).join('; ')})`,
        { issues: result.issues },
      );
    }
    try {
      return canonicalBytes(value);
    } catch (error: unknown) {
      throw new TranslationError(
        TranslationErrorCode.OutputInvalid,
        'the mapped envelope cannot be canonicalised',
        {
          cause: error,
        },
      );
    }
  }

  typeOf(value: unknown): string | undefined {
    const type = (value as { type?: unknown } | undefined)?.type;
    return typeof type === 'string' ? type : undefined;
  }
}
