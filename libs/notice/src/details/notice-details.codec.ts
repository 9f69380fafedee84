import { ElementCursor } from '../element.cursor';
import { NoticeError } from '../notice.error';
import { Notice } from '../notice.model';
import { IssueCollector } from '../notice-rules';
import { XmlContent } from '../xml-content';

/**
 * Reads, writes and checks the details block of one notice type (the XSD's choice branch after
 * CaseFacts). NoticeReader, NoticeWriter and NoticeValidator handle what every notice shares and
 * hand the type-specific part to the codec of its type (NOTICE_DETAILS_CODECS).
 */
export interface NoticeDetailsCodec {
  /** Reads the details element into its property of `notice`, then closes the element. */
  read(block: ElementCursor, notice: Notice): void;
  /** The details element's content, for a notice NoticeValidator accepted. */
  write(notice: Notice): XmlContent;
  /** Checks the details value, of unknown runtime shape; `path` is the details element's. */
  validate(check: IssueCollector, value: unknown, path: string): void;
  /** Rules that tie the details to the rest of the notice (a UN notice names a person or an entity). */
  crossCheck?(check: IssueCollector, notice: Record<string, unknown>, path: string): void;
}

/** The writer runs after validation, which requires the block; this only satisfies the compiler. */
export function present<T>(value: T | undefined, path: string): T {
  if (value === undefined) throw NoticeError.invalid([{ path, reason: 'is required' }]);
  return value;
}
