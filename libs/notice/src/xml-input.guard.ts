import { NoticeLimits } from './notice.constants';
import { NoticeError, NoticeErrorCode } from './notice.error';
import { codePointLabel, FORBIDDEN_TEXT_CHARACTER, isForbiddenTextCharCode } from './text-characters';
import { isXmlCharCode, NON_XML_CHARACTER } from './xml-characters';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Any document type or entity declaration opens the door to XXE and entity expansion
// ("billion laughs"); a notice needs neither, so they are refused wherever they appear.
const DECLARATION = /<!(?:DOCTYPE|ENTITY)/i;
const XML_DECLARATION = /^<\?xml(?:\s[^?]*)?\?>/;
const ENCODING_PSEUDO_ATTRIBUTE = /\sencoding\s*=\s*["']([^"']*)["']/;
const NAME_END = /[\s/>]/;
// XML 1.0 §4.1/§4.6: without a DTD only the five predefined entities exist. sax (under xml2js)
// would also expand HTML ones like &nbsp;, so references are checked here.
const REFERENCE = /&(?:(amp|lt|gt|quot|apos)|#([0-9]{1,7})|#x([0-9A-Fa-f]{1,6}))?;?/g;

/**
 * Checks the raw input before any XML parser sees it: size, encoding, forbidden declarations and
 * processing instructions, nesting depth. Returns the document as a string without byte order mark.
 */
export class XmlInputGuard {
  constructor(private readonly limits: NoticeLimits) {}

  toCheckedText(input: Buffer | string): string {
    const text = typeof input === 'string' ? this.checkString(input) : this.decode(input);
    if (DECLARATION.test(text)) {
      throw new NoticeError(
        NoticeErrorCode.NOTICE_DOCTYPE_FORBIDDEN,
        'Notice contains a DOCTYPE or ENTITY declaration, which is refused',
      );
    }
    this.checkXmlDeclaration(text);
    const forbidden = NON_XML_CHARACTER.exec(text);
    if (forbidden) {
      throw new NoticeError(
        NoticeErrorCode.NOTICE_MALFORMED_XML,
        'Notice contains a character not allowed in XML 1.0',
        positionOf(text, forbidden.index),
      );
    }
    const spoof = FORBIDDEN_TEXT_CHARACTER.exec(text);
    if (spoof) {
      throw new NoticeError(
        NoticeErrorCode.NOTICE_FORBIDDEN_CHARACTER,
        `Notice contains the control or bidirectional-formatting character ${codePointLabel(spoof[0])}`,
        positionOf(text, spoof.index),
      );
    }
    this.checkMarkup(text);
    return text;
  }

  private checkString(input: string): string {
    // A UTF-16 code unit becomes at least one UTF-8 byte: the cheap test first.
    if (input.length > this.limits.maxBytes || Buffer.byteLength(input, 'utf8') > this.limits.maxBytes) {
      throw this.tooLarge();
    }
    if (LONE_SURROGATE.test(input)) {
      throw new NoticeError(
        NoticeErrorCode.NOTICE_ENCODING_INVALID,
        'Notice text contains an unpaired UTF-16 surrogate',
      );
    }
    return input.startsWith('\uFEFF') ? input.slice(1) : input;
  }

  private decode(input: Buffer): string {
    if (input.byteLength > this.limits.maxBytes) throw this.tooLarge();
    try {
      // fatal: a malformed sequence is an error, not a silent U+FFFD; the UTF-8 BOM is dropped.
      return new TextDecoder('utf-8', { fatal: true }).decode(input);
    } catch (error: unknown) {
      throw new NoticeError(NoticeErrorCode.NOTICE_ENCODING_INVALID, 'Notice is not valid UTF-8', {
        cause: error,
      });
    }
  }

  private checkXmlDeclaration(text: string): void {
    const declaration = XML_DECLARATION.exec(text);
    const encoding = declaration ? ENCODING_PSEUDO_ATTRIBUTE.exec(declaration[0]) : null;
    if (encoding && encoding[1].toUpperCase() !== 'UTF-8') {
      throw new NoticeError(
        NoticeErrorCode.NOTICE_ENCODING_INVALID,
        `Notice declares encoding "${encoding[1]}"; only UTF-8 is accepted`,
      );
    }
  }

  /**
   * One pass over the markup, counting element depth without building a tree. Constructs the scan
   * cannot close are left for the parser to report as malformed.
   */
  private checkMarkup(text: string): void {
    let depth = 0;
    let rootClosed = false;
    let index = text.indexOf('<');
    while (index !== -1) {
      let end: number;
      if (rootClosed && !text.startsWith('<!--', index)) {
        throw contentAfterRoot(text, index);
      }
      if (text.startsWith('<!--', index)) {
        end = closeOf(text, '-->', index + 4);
      } else if (text.startsWith('<![CDATA[', index)) {
        end = closeOf(text, ']]>', index + 9);
      } else if (text.startsWith('<?', index)) {
        end = closeOf(text, '?>', index + 2);
        if (index !== 0 || !XML_DECLARATION.test(text)) {
          throw new NoticeError(
            NoticeErrorCode.NOTICE_PI_FORBIDDEN,
            'Notice contains a processing instruction other than the XML declaration',
            positionOf(text, index),
          );
        }
      } else if (text.startsWith('</', index)) {
        end = closeOf(text, '>', index + 2);
        depth -= 1;
        rootClosed = depth === 0;
      } else {
        end = endOfStartTag(text, index + 1);
        if (end !== -1 && !NAME_END.test(text[index + 1] ?? '>')) {
          // A self-closing element counts for its depth too, it just does not stay open.
          if (depth + 1 > this.limits.maxDepth) {
            throw new NoticeError(
              NoticeErrorCode.NOTICE_TOO_DEEP,
              `Notice nests elements deeper than ${this.limits.maxDepth}`,
              positionOf(text, index),
            );
          }
          checkReferences(text, index, end);
          const selfClosing = text[end - 2] === '/';
          if (!selfClosing) depth += 1;
          rootClosed = selfClosing && depth === 0;
        }
      }
      if (end === -1) return;
      index = text.indexOf('<', end);
      checkReferences(text, end, index === -1 ? text.length : index);
      // xml2js stops listening once the root element ends, so what follows it is checked here.
      const trailing = text.slice(end, index === -1 ? undefined : index);
      if (rootClosed && trailing.trim() !== '') {
        throw contentAfterRoot(text, end + trailing.search(/\S/));
      }
    }
  }

  private tooLarge(): NoticeError {
    return new NoticeError(
      NoticeErrorCode.NOTICE_TOO_LARGE,
      `Notice is larger than ${this.limits.maxBytes} bytes`,
    );
  }
}

/** Index just past `terminator`, or -1 when it never comes. */
function closeOf(text: string, terminator: string, from: number): number {
  const at = text.indexOf(terminator, from);
  return at === -1 ? -1 : at + terminator.length;
}

/** Index just past the `>` closing a start tag (quoted attribute values may hold `>`), or -1. */
function endOfStartTag(text: string, from: number): number {
  let quote: string | undefined;
  for (let i = from; i < text.length; i += 1) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (char === '>') {
      return i + 1;
    }
  }
  return -1;
}

function checkReferences(text: string, from: number, to: number): void {
  const segment = text.slice(from, to);
  if (!segment.includes('&')) return;
  for (const match of segment.matchAll(REFERENCE)) {
    const [whole, named, decimal, hex] = match;
    const code = decimal !== undefined ? Number(decimal) : hex !== undefined ? parseInt(hex, 16) : undefined;
    const wellFormed =
      whole.endsWith(';') && (named !== undefined || (code !== undefined && isXmlCharCode(code)));
    if (wellFormed && code !== undefined && isForbiddenTextCharCode(code)) {
      throw new NoticeError(
        NoticeErrorCode.NOTICE_FORBIDDEN_CHARACTER,
        `Notice contains the control or bidirectional-formatting character ${codePointLabel(String.fromCodePoint(code))} as a reference`,
        positionOf(text, from + (match.index ?? 0)),
      );
    }
    if (!wellFormed) {
      throw new NoticeError(
        NoticeErrorCode.NOTICE_MALFORMED_XML,
        'Notice contains an undefined or malformed character or entity reference',
        positionOf(text, from + (match.index ?? 0)),
      );
    }
  }
}

function contentAfterRoot(text: string, index: number): NoticeError {
  return new NoticeError(
    NoticeErrorCode.NOTICE_MALFORMED_XML,
    'Notice has content after its root element',
    positionOf(text, index),
  );
}

function positionOf(text: string, index: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < index; i = text.indexOf('\n', i + 1)) {
    line += 1;
    lineStart = i + 1;
  }
  return { line, column: index - lineStart + 1 };
}
