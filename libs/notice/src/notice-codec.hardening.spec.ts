import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoticeCodec } from './notice.codec';
import { DEFAULT_NOTICE_LIMITS } from './notice.constants';
import { NoticeError, NoticeErrorCode } from './notice.error';

const VALID = join(__dirname, '..', 'fixtures', 'valid');
const FULL = readFileSync(join(VALID, 'red-full-mali-niger.xml'), 'utf8');
const MINIMAL = readFileSync(join(VALID, 'red-minimal.xml'), 'utf8');

function failure(action: () => unknown): NoticeError {
  try {
    action();
  } catch (error: unknown) {
    if (error instanceof NoticeError) return error;
    throw error;
  }
  throw new Error('expected a NoticeError');
}

describe(`${NoticeCodec.name} hardening`, () => {
  const sut = new NoticeCodec();

  it('refuses a document over the default 256 KiB', () => {
    const padding = `<!--${'x'.repeat(DEFAULT_NOTICE_LIMITS.maxBytes)}-->`;
    expect(failure(() => sut.parse(MINIMAL + padding)).code).toBe(NoticeErrorCode.NOTICE_TOO_LARGE);
    expect(failure(() => sut.parse(Buffer.from(MINIMAL + padding))).code).toBe(
      NoticeErrorCode.NOTICE_TOO_LARGE,
    );
  });

  it('counts the size limit in UTF-8 bytes, configurable', () => {
    const bytes = Buffer.byteLength(FULL, 'utf8');
    expect(() => new NoticeCodec({ maxBytes: bytes }).parse(FULL)).not.toThrow();
    expect(failure(() => new NoticeCodec({ maxBytes: bytes - 1 }).parse(FULL)).code).toBe(
      NoticeErrorCode.NOTICE_TOO_LARGE,
    );
  });

  it('applies a configurable nesting limit counting the root as depth 1', () => {
    // Deepest path: Notice/RedNoticeDetails/ArrestWarrant/Charge/ChargeDescriptionText.
    expect(() => new NoticeCodec({ maxDepth: 5 }).parse(FULL)).not.toThrow();
    const error = failure(() => new NoticeCodec({ maxDepth: 4 }).parse(FULL));
    expect(error.code).toBe(NoticeErrorCode.NOTICE_TOO_DEEP);
    expect(error.line).toBeGreaterThan(1);
  });

  it.each([
    ['a declared encoding other than UTF-8', MINIMAL.replace('UTF-8', 'ISO-8859-1')],
    ['an unpaired surrogate', MINIMAL.replace('OULD SALEM', 'OULD \uD800SALEM')],
    ['UTF-16 bytes', Buffer.from(`\uFEFF${MINIMAL.replace('UTF-8', 'UTF-16')}`, 'utf16le')],
  ])('refuses %s as NOTICE_ENCODING_INVALID', (_case, input) => {
    expect(failure(() => sut.parse(input)).code).toBe(NoticeErrorCode.NOTICE_ENCODING_INVALID);
  });

  it.each([
    ['<!doctype in lower case', MINIMAL.replace('<Notice', '<!doctype Notice>\n<Notice')],
    ['an <!ENTITY hidden in a comment', MINIMAL.replace('<Subject>', '<!-- <!ENTITY x "y"> --><Subject>')],
  ])('refuses %s', (_case, input) => {
    expect(failure(() => sut.parse(input)).code).toBe(NoticeErrorCode.NOTICE_DOCTYPE_FORBIDDEN);
  });

  it('reports where a document stops being well-formed, keeping the parser error as cause', () => {
    const error = failure(() => sut.parse(MINIMAL.replace('</PersonName>', '</PersonNom>')));
    expect(error.code).toBe(NoticeErrorCode.NOTICE_MALFORMED_XML);
    expect(error.line).toBe(9);
    expect(error.column).toBeGreaterThan(1);
    expect(error.cause).toBeInstanceOf(Error);
  });

  it.each([
    ['an empty document', ''],
    ['whitespace only', ' \n '],
    ['text after the root element', `${MINIMAL}trailing`],
    ['a second root element', `${MINIMAL}<Notice/>`],
    ['a control character', MINIMAL.replace('OULD', 'OU\u0007LD')],
    ['an undeclared entity', MINIMAL.replace('OULD', '&nbsp;')],
    ['a bare ampersand', MINIMAL.replace('OULD', 'O&D')],
    ['a reference to a non-character', MINIMAL.replace('OULD', 'OU&#x1;LD')],
    ['an undeclared entity in an attribute', MINIMAL.replace('<Notice ', '<Notice a="&eacute;" ')],
  ])('refuses %s as NOTICE_MALFORMED_XML', (_case, input) => {
    expect(failure(() => sut.parse(input)).code).toBe(NoticeErrorCode.NOTICE_MALFORMED_XML);
  });

  it('expands the predefined entities and character references', () => {
    const notice = sut.parse(MINIMAL.replace('OULD SALEM', 'OULD &#x53;AL&#69;M &amp; &lt;&apos;&quot;&gt;'));
    expect(notice.subject?.surname).toBe('OULD SALEM & <\'">');
  });
});
