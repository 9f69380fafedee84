import { Parser } from 'xml2js';
import { NoticeError, NoticeErrorCode } from './notice.error';

/** A namespace-resolved element, children in document order. */
export interface XmlElement {
  local: string;
  uri: string;
  /** Attributes without namespace declarations, by local name (notice attributes are unqualified). */
  attributes: Map<string, string>;
  /** Character data directly inside the element, untrimmed. */
  text: string;
  children: XmlElement[];
}

interface Xml2jsNode {
  _?: string;
  $?: Record<string, { local: string; uri: string; value: string; prefix: string }>;
  $ns?: { local: string; uri: string };
  $$?: Xml2jsNode[];
}

interface SaxPosition {
  saxParser?: { line?: number; column?: number };
}

const XMLNS_URI = 'http://www.w3.org/2000/xmlns/';

/** xml2js (sax, strict) turned into a small typed tree; only well-formedness is checked here. */
export class XmlTreeParser {
  parse(text: string): XmlElement {
    // explicitChildren + preserveChildrenOrder keep document order, so the reader can check the
    // XSD's sequences; xmlns resolves prefixes, so any prefix bound to the namespace is accepted.
    const parser = new Parser({
      async: false,
      strict: true,
      xmlns: true,
      explicitRoot: false,
      explicitArray: true,
      explicitChildren: true,
      preserveChildrenOrder: true,
      explicitCharkey: true,
      charsAsChildren: false,
      includeWhiteChars: false,
      mergeAttrs: false,
      normalize: false,
      trim: false,
    });
    let position: { line?: number; column?: number } | undefined;
    // Registered before parseString's own listener, which resets the sax parser (and its position).
    // xml2js reports the root once its end tag is read; an error after it (text or a second element
    // after the root) still makes the document malformed, hence the flag kept here.
    parser.on('error', () => {
      const sax = (parser as unknown as SaxPosition).saxParser;
      position ??= { line: sax?.line === undefined ? undefined : sax.line + 1, column: sax?.column };
    });
    let outcome: { error: unknown; root: unknown } | undefined;
    try {
      parser.parseString(text, (error: unknown, root: unknown) => {
        outcome ??= { error, root };
      });
    } catch (error: unknown) {
      outcome ??= { error, root: undefined };
    }
    if (!outcome || outcome.error || position || !isNode(outcome.root)) {
      const cause = outcome?.error;
      position ??= {};
      const where = position.line === undefined ? '' : ` at line ${position.line}, column ${position.column}`;
      throw new NoticeError(NoticeErrorCode.NOTICE_MALFORMED_XML, `Notice is not well-formed XML${where}`, {
        ...position,
        cause,
      });
    }
    return toElement(outcome.root);
  }
}

function isNode(value: unknown): value is Xml2jsNode {
  return typeof value === 'object' && value !== null && '$ns' in value;
}

function toElement(node: Xml2jsNode): XmlElement {
  const attributes = new Map<string, string>();
  for (const attribute of Object.values(node.$ ?? {})) {
    if (attribute.uri === XMLNS_URI) continue;
    // A qualified attribute keeps its prefix so that it never passes for an unqualified one.
    attributes.set(
      attribute.uri === '' ? attribute.local : `{${attribute.uri}}${attribute.local}`,
      attribute.value,
    );
  }
  return {
    local: node.$ns?.local ?? '',
    uri: node.$ns?.uri ?? '',
    attributes,
    text: node._ ?? '',
    children: (node.$$ ?? []).map(toElement),
  };
}
