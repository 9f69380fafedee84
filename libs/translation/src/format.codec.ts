/**
 * Bytes of one external or internal format to a plain object tree and back. A new format costs
 * one of these and a registration in default-formats.ts; the mappings do the rest.
 */
export interface FormatCodec {
  readonly format: string;
  /** The document types `typeOf` can answer: lets `mapping validate` refuse a misspelt type. */
  readonly types?: readonly string[];
  /** Throws a TranslationError (InputInvalid) when the bytes are not a valid document. */
  parse(input: Buffer): unknown;
  /** Validates, then writes; throws a TranslationError (OutputInvalid) on a value it refuses. */
  serialize(value: unknown): Buffer;
  /** The message or notice type of a parsed document, to choose the mapping. */
  typeOf(value: unknown): string | undefined;
  /** Schema checks too slow for the message path (an XSD run), used by the fixture runner. */
  checkDocument?(output: Buffer): Promise<string[]>;
}
