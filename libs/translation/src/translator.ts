import { Mapping, MappingEngine, MappingError, MappingResult, TraceEntry } from '@pcms/mapping';
import { FormatRegistry } from './format.registry';
import { MappingRegistry } from './mapping.registry';
import { TranslationError, TranslationErrorCode } from './translation.error';

/** What the gateway fills in a mapped envelope; mappings read it as `$context.<name>`. */
export interface TranslationContext {
  messageId?: string;
  createdAt?: string;
  sender?: string;
  recipients?: string[];
}

export interface TranslationRequest {
  from: string;
  to: string;
  /** The source document's type; read from the document when omitted. */
  type?: string;
  /** Use this mapping rather than the one found for (from, to, type). */
  mappingId?: string;
  input: Buffer;
  /**
   * `input` as the source format's codec parses it, when the caller has parsed it already (the
   * I-24/7 adapter reads the envelope's id before it translates): the translator then does not
   * parse the same bytes a second time. Whoever passes it vouches that it is `parse(input)`.
   */
  parsed?: unknown;
  context?: TranslationContext;
}

export interface TranslationResult {
  output: Buffer;
  /** The mapped object tree, before serialisation. */
  value: unknown;
  mapping: { id: string; version: string };
  trace: TraceEntry[];
}

/** Bytes of format A to bytes of format B: parse, map, validate and serialise. Pure, no I/O. */
export class Translator {
  constructor(
    private readonly mappings: MappingRegistry,
    private readonly formats: FormatRegistry = FormatRegistry.withDefaults(),
    private readonly engine: MappingEngine = new MappingEngine(),
  ) {}

  /** The loaded mapping with this id, or a MappingNotFound error. */
  mappingById(id: string): Mapping {
    const mapping = this.mappings.get(id);
    if (!mapping)
      throw new TranslationError(TranslationErrorCode.MappingNotFound, `no mapping with id ${id}`);
    return mapping;
  }

  translate(request: TranslationRequest): TranslationResult {
    const source = this.formats.get(request.from);
    const target = this.formats.get(request.to);
    const input = request.parsed ?? source.parse(request.input);
    const type = request.type ?? source.typeOf(input);
    const mapping = request.mappingId
      ? this.mappingById(request.mappingId)
      : this.mappings.find({ from: request.from, to: request.to, type });
    if (!mapping) {
      const wanted = `${request.from}${type ? ` (${type})` : ''} -> ${request.to}`;
      throw new TranslationError(TranslationErrorCode.MappingNotFound, `no mapping for ${wanted}`);
    }
    if (mapping.source.format !== request.from || mapping.target.format !== request.to) {
      throw new TranslationError(
        TranslationErrorCode.MappingNotFound,
        `mapping ${mapping.id} translates ${mapping.source.format} -> ${mapping.target.format}, not ${request.from} -> ${request.to}`,
      );
    }
    let mapped: MappingResult;
    try {
      mapped = this.engine.apply(mapping, input, { ...request.context });
    } catch (error: unknown) {
      if (!(error instanceof MappingError)) throw error;
      throw new TranslationError(
        TranslationErrorCode.MappingFailed,
        `mapping ${mapping.id} failed: ${error.message}`,
        {
          cause: error,
        },
      );
    }
    return {
      output: target.serialize(mapped.target),
      value: mapped.target,
      mapping: { id: mapping.id, version: mapping.version },
      trace: mapped.trace,
    };
  }
}
