import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoticeCodec } from './notice.codec';
import { NoticeError, NoticeErrorCode } from './notice.error';
import { XsdValidator } from './xsd.validator';

const FIXTURES = join(__dirname, '..', 'fixtures');

interface InvalidExpectation {
  code: NoticeErrorCode;
  /** Paths that must be among the reported issues. */
  paths?: string[];
  /** The error must say where (line and column). */
  positioned?: boolean;
}

function xmlFiles(folder: string): string[] {
  return readdirSync(join(FIXTURES, folder))
    .filter((name) => name.endsWith('.xml'))
    .sort();
}

function parseError(sut: NoticeCodec, bytes: Buffer): NoticeError {
  try {
    sut.parse(bytes);
  } catch (error: unknown) {
    if (error instanceof NoticeError) return error;
    throw error;
  }
  throw new Error('expected a NoticeError, the notice was accepted');
}

describe(`${NoticeCodec.name} fixtures`, () => {
  const sut = new NoticeCodec();
  const xsd = new XsdValidator();

  it('finds fixtures in both folders', () => {
    expect(xmlFiles('valid').length).toBeGreaterThanOrEqual(3);
    expect(xmlFiles('invalid').length).toBeGreaterThanOrEqual(9);
  });

  describe.each(xmlFiles('valid'))('valid/%s', (name) => {
    const bytes = readFileSync(join(FIXTURES, 'valid', name));

    it('is valid against the XSD as written', async () => {
      await expect(xsd.validateNoticeXml(bytes.toString('utf8'))).resolves.toEqual({
        valid: true,
        errors: [],
      });
    });

    const golden = join(FIXTURES, 'valid', name.replace(/\.xml$/, '.expected.json'));
    if (existsSync(golden)) {
      it('parses to the notice of its .expected.json', () => {
        expect(sut.parse(bytes)).toEqual(JSON.parse(readFileSync(golden, 'utf8')));
      });
    }

    it('parses, re-serializes and re-parses to the same notice', () => {
      const notice = sut.parse(bytes);
      const reparsed = sut.parse(sut.serialize(notice));
      expect(reparsed).toEqual(notice);
    });

    it('writes, reads and writes again to the same bytes', () => {
      const written = sut.serialize(sut.parse(bytes));
      expect(sut.serialize(sut.parse(written))).toBe(written);
    });

    it('re-serializes to a document the XSD accepts', async () => {
      const xml = sut.serialize(sut.parse(bytes));
      await expect(xsd.validateNoticeXml(xml)).resolves.toEqual({ valid: true, errors: [] });
    });
  });

  describe.each(xmlFiles('invalid'))('invalid/%s', (name) => {
    const bytes = readFileSync(join(FIXTURES, 'invalid', name));
    const expected = JSON.parse(
      readFileSync(join(FIXTURES, 'invalid', name.replace(/\.xml$/, '.expected.json')), 'utf8'),
    ) as InvalidExpectation;

    it(`fails with ${expected.code}`, () => {
      const error = parseError(sut, bytes);
      expect(error.code).toBe(expected.code);
      for (const path of expected.paths ?? []) {
        expect(error.issues.map((issue) => issue.path)).toContain(path);
      }
      if (expected.positioned) {
        expect(error.line).toBeGreaterThanOrEqual(1);
        expect(error.column).toBeGreaterThanOrEqual(1);
      }
    });
  });
});
