import { canonicalBytes } from './canonical-json';
import { EnvelopeError, EnvelopeErrorCode } from './envelope.error';
import type { PcmsEnvelope } from './envelope.types';
import { validateEnvelope } from './envelope.validator';
import { scanJsonStructure } from './json-structure.scanner';
import { findForbiddenCharacter, findNonCanonicalId } from './text-content.guard';

export const DEFAULT_MAX_ENVELOPE_BYTES = 1024 * 1024;
/** Deepest accepted nesting of objects and arrays (the validator never accepts more than this). */
export const DEFAULT_MAX_JSON_DEPTH = 32;

export interface ParseEnvelopeOptions {
  /** Largest accepted body in bytes; 1 MiB by default (photos travel by reference, not inline). */
  maxBytes?: number;
  /** Deepest accepted nesting of objects and arrays; 32 by default. */
  maxDepth?: number;
  /**
   * Refuse bytes that are not the RFC 8785 canonical form of the envelope they hold
   * (`ENVELOPE_NOT_CANONICAL`): one envelope, one byte string. Doors that take signed
   * submissions require it; readers of the gateway's own queues need not.
   */
  requireCanonical?: boolean;
}

/** Key names come from the sender: quoted, and cut, before they go into a reason. */
const KEY_IN_REASON = 64;

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
  const text = decodeUtf8(bytes);
  const maxDepth = opts.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
  const finding = scanJsonStructure(text, maxDepth);
  if (finding?.kind === 'too-deep') {
    throw new EnvelopeError(
      EnvelopeErrorCode.TooDeep,
      `envelope nests deeper than ${maxDepth} levels at ${finding.path || '(root)'}`,
    );
  }
  const parsed = parseJson(text);
  if (finding?.kind === 'duplicate-key') {
    throw new EnvelopeError(
      EnvelopeErrorCode.DuplicateKey,
      `envelope repeats the key ${JSON.stringify(finding.key.slice(0, KEY_IN_REASON))} at ${finding.path}`,
    );
  }
  const spoof = findForbiddenCharacter(parsed);
  if (spoof) {
    throw new EnvelopeError(
      EnvelopeErrorCode.ForbiddenCharacter,
      `envelope holds the control or bidirectional-formatting character ${spoof.character} at ${spoof.path}`,
    );
  }
  const result = validateEnvelope(parsed);
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
  const upperCaseId = opts.requireCanonical ? findNonCanonicalId(result.envelope) : undefined;
  if (upperCaseId) {
    throw new EnvelopeError(
      EnvelopeErrorCode.NotCanonical,
      `envelope ${upperCaseId} is not in the canonical lower-case form of a UUID (RFC 4122 §3)`,
    );
  }
  if (opts.requireCanonical && !canonicalBytes(result.envelope).equals(bytes)) {
    throw new EnvelopeError(
      EnvelopeErrorCode.NotCanonical,
      'envelope is not in RFC 8785 canonical form (sorted keys, no whitespace): sign and send canonicalBytes(envelope)',
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
