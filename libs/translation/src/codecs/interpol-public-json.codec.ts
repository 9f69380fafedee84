import { DEFAULT_MAX_ENVELOPE_BYTES, DEFAULT_MAX_JSON_DEPTH, scanJsonStructure } from '@pcms/envelope';
import type { FormatCodec } from '../format.codec';
import { TranslationError, TranslationErrorCode } from '../translation.error';
import { interpolNoticeKind, normaliseInterpolNotice } from './interpol-public-notice';

export interface InterpolPublicJsonLimits {
  maxBytes: number;
  maxDepth: number;
}

/**
 * Interpol's public notices JSON (red, yellow and UN detail documents), read only: the gateway
 * reads that service and never writes to it. `typeOf` is `red`, `yellow` or `un`.
 */
export class InterpolPublicJsonCodec implements FormatCodec {
  readonly format = 'interpol-public-json';

  constructor(
    private readonly limits: InterpolPublicJsonLimits = {
      maxBytes: DEFAULT_MAX_ENVELOPE_BYTES,
      maxDepth: DEFAULT_MAX_JSON_DEPTH,
    },
  ) {}

  parse(input: Buffer): unknown {
    const { tree, issues } = normaliseInterpolNotice(readInterpolJson(input, this.limits));
    if (!tree) {
      const summary = issues.map((issue) => `${issue.path || '(document)'}: ${issue.reason}`).join('; ');
      throw invalid(`the input is not an Interpol public notice (${summary})`, issues);
    }
    return tree;
  }

  serialize(): Buffer {
    throw new TranslationError(
      TranslationErrorCode.OutputInvalid,
      'interpol-public-json is read only: the gateway reads Interpol public notices, it never writes them',
    );
  }

  typeOf(value: unknown): string | undefined {
    return interpolNoticeKind(value);
  }
}

/**
 * JSON text of the public service, bounded before anything is built from it: size first, then one
 * linear scan for nesting depth and duplicate keys, then JSON.parse. Also used for list pages.
 */
export function readInterpolJson(input: Buffer, limits: InterpolPublicJsonLimits): unknown {
  if (!Buffer.isBuffer(input)) throw invalid('the input is not bytes');
  if (input.length > limits.maxBytes) {
    throw invalid(`the document is ${input.length} bytes; the limit is ${limits.maxBytes}`);
  }
  const text = input.toString('utf8');
  const finding = scanJsonStructure(text, limits.maxDepth);
  if (finding) {
    const reason =
      finding.kind === 'too-deep'
        ? `nested deeper than ${finding.maxDepth}`
        : `duplicate key "${finding.key}"`;
    throw invalid(`the document is refused: ${reason}`, [{ path: finding.path, reason }]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error: unknown) {
    throw new TranslationError(TranslationErrorCode.InputInvalid, 'the input is not JSON', { cause: error });
  }
}

function invalid(message: string, issues: TranslationError['issues'] = []): TranslationError {
  return new TranslationError(TranslationErrorCode.InputInvalid, message, { issues });
}
