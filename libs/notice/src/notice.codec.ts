import { DEFAULT_NOTICE_LIMITS, NOTICE_NAMESPACE, NoticeLimits } from './notice.constants';
import { NoticeError, NoticeErrorCode, NoticeIssue } from './notice.error';
import { Notice } from './notice.model';
import { NoticeReader } from './notice.reader';
import { NoticeValidator } from './notice.validator';
import { NoticeWriter } from './notice.writer';
import { XmlInputGuard } from './xml-input.guard';
import { XmlTreeParser } from './xml-tree.parser';

export type NoticeCodecOptions = Partial<NoticeLimits>;

/**
 * Reads and writes the I-24/7-like notice. Parsing is hardened in layers, cheapest first: the raw
 * input (size, UTF-8, DOCTYPE/ENTITY, processing instructions, depth) before xml2js sees a byte,
 * then well-formedness, namespace, structure and values. Any input yields a Notice or a NoticeError.
 */
export class NoticeCodec {
  private readonly guard: XmlInputGuard;
  private readonly treeParser = new XmlTreeParser();
  private readonly reader = new NoticeReader();
  private readonly validator = new NoticeValidator();
  private readonly writer = new NoticeWriter();

  constructor(options: NoticeCodecOptions = {}) {
    this.guard = new XmlInputGuard({ ...DEFAULT_NOTICE_LIMITS, ...options });
  }

  parse(xml: Buffer | string): Notice {
    try {
      return this.parseChecked(xml);
    } catch (error: unknown) {
      if (error instanceof NoticeError) throw error;
      // A defect of ours or of a dependency must still surface as a coded, quarantinable error.
      throw new NoticeError(NoticeErrorCode.NOTICE_MALFORMED_XML, 'Notice could not be read', {
        cause: error,
      });
    }
  }

  /** Writes UTF-8 XML; throws NOTICE_INVALID rather than emit a document the XSD would refuse. */
  serialize(notice: Notice): string {
    const issues = this.validator.validate(notice);
    if (issues.length > 0) throw NoticeError.invalid(issues);
    return this.writer.write(notice);
  }

  private parseChecked(xml: Buffer | string): Notice {
    const text = this.guard.toCheckedText(xml);
    const root = this.treeParser.parse(text);
    if (root.uri !== NOTICE_NAMESPACE) {
      throw new NoticeError(
        NoticeErrorCode.NOTICE_NAMESPACE_INVALID,
        `Notice root element must be in namespace ${NOTICE_NAMESPACE}, found "${root.uri}"`,
      );
    }
    if (root.local !== 'Notice') {
      throw NoticeError.invalid([{ path: `/${root.local}`, reason: 'the root element must be Notice' }]);
    }
    const read = this.reader.read(root);
    const issues = mergeByPath(read.issues, this.validator.validate(read.notice));
    if (issues.length > 0) throw NoticeError.invalid(issues);
    const notice = read.notice;
    return notice;
  }
}

/** The reader already explains a missing or malformed node; the validator would repeat it. */
function mergeByPath(structural: NoticeIssue[], values: NoticeIssue[]): NoticeIssue[] {
  const seen = new Set(structural.map((issue) => issue.path));
  return [...structural, ...values.filter((issue) => !seen.has(issue.path))];
}
