import { EnvelopeError, EnvelopeErrorCode } from './envelope.error';
import type { PcmsEnvelope } from './envelope.types';
import { validateEnvelope } from './envelope.validator';

export const DEFAULT_MAX_ENVELOPE_BYTES = 1024 * 1024;

export interface ParseEnvelopeOptions {
  /** Largest accepted body in bytes; 1 MiB by default (photos travel by reference, not inline). */
  maxBytes?: number;
}

// RFC 8259 §8.1: JSON exchanged between systems is UTF-8 without a byte order mark.
const UTF8_BOM = [0xef, 0xbb, 0xbf];

function decodeUtf8(bytes: Uint8Array): string {
  if (UTF8_BOM.every((byte, index) => bytes[index] === byte)) {
    throw new EnvelopeError(EnvelopeErrorCode.EncodingInvalid, 'envelope starts with a byte order mark');
  }
  try {
    // `fatal` turns invalid sequences into an error instead of silently inserting U+FFFD,
    // which would change the bytes a signature was computed over.
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause: unknown) {
    throw new EnvelopeError(EnvelopeErrorCode.EncodingInvalid, 'envelope is not valid UTF-8', { cause });
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (cause: unknown) {
    throw new EnvelopeError(EnvelopeErrorCode.MalformedJson, 'envelope is not well-formed JSON', { cause });
  }
}

/** Bytes off the wire to a valid envelope, or an EnvelopeError saying which gate refused them. */
export function parseEnvelope(bytes: Buffer, opts: ParseEnvelopeOptions = {}): PcmsEnvelope {
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_ENVELOPE_BYTES;
  if (bytes.length > maxBytes) {
    throw new EnvelopeError(
      EnvelopeErrorCode.TooLarge,
      `envelope is ${bytes.length} bytes, more than the ${maxBytes} allowed`,
    );
  }
  const result = validateEnvelope(parseJson(decodeUtf8(bytes)));
  if (!result.ok) {
    const count = result.issues.length;
    throw new EnvelopeError(
      EnvelopeErrorCode.Invalid,
      // Paths and reasons only, never values: the reason travels to logs and dead letters.
      `envelope is invalid (${count} issue${count === 1 ? '' : 's'}): ${summarise(result.issues)}`,
      {
        issues: result.issues,
      },
    );
  }
  return result.envelope;
}

const ISSUES_IN_MESSAGE = 10;

function summarise(issues: readonly { path: string; reason: string }[]): string {
  const shown = issues
    .slice(0, ISSUES_IN_MESSAGE)
    .map((issue) => `${issue.path || '(root)'}: ${issue.reason}`);
  const more = issues.length - shown.length;
  return shown.join('; ') + (more > 0 ? `; and ${more} more` : '');
}
