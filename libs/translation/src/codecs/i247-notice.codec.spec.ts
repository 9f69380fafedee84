import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TranslationError, TranslationErrorCode } from '../translation.error';
import { I247NoticeCodec } from './i247-notice.codec';

const NOTICE_FIXTURES = join(__dirname, '..', '..', '..', 'notice', 'fixtures');

function fixture(folder: 'valid' | 'invalid', name: string): Buffer {
  return readFileSync(join(NOTICE_FIXTURES, folder, name));
}

function translationError(action: () => unknown): TranslationError {
  try {
    action();
  } catch (error: unknown) {
    if (error instanceof TranslationError) return error;
    throw error;
  }
  throw new Error('expected a TranslationError');
}

describe(I247NoticeCodec.name, () => {
  const sut = new I247NoticeCodec();

  it.each([
    ['red-minimal.xml', 'RED'],
    ['yellow-minimal.xml', 'YELLOW'],
    ['blue-whereabouts-niger.xml', 'BLUE'],
    ['black-minimal.xml', 'BLACK'],
    ['green-threat-armed.xml', 'GREEN'],
    ['orange-parcel-bomb-no-subject.xml', 'ORANGE'],
    ['purple-fuel-smuggling.xml', 'PURPLE'],
    ['un-entity-aliases.xml', 'UN'],
    // Each kind of diffusion has its own PCMS type, so its own mapping.
    ['diffusion-request-urgent.xml', 'DIFFUSION:REQUEST'],
    ['diffusion-response-not-found.xml', 'DIFFUSION:RESPONSE'],
  ])('names the type of %s as %s', (name, type) => {
    expect(sut.typeOf(sut.parse(fixture('valid', name)))).toBe(type);
  });

  it('names no type for a value that is not a notice', () => {
    expect(sut.typeOf(undefined)).toBeUndefined();
    expect(sut.typeOf({ noticeType: 7 })).toBeUndefined();
  });

  it('refuses a details block of another type as invalid input, with the path', () => {
    const error = translationError(() => sut.parse(fixture('invalid', 'yellow-with-red-details.xml')));
    expect(error.code).toBe(TranslationErrorCode.InputInvalid);
    expect(error.issues.map((issue) => issue.path)).toContain('/Notice/RedNoticeDetails');
  });

  it('refuses to write a mapped notice that lacks the subject its type requires', () => {
    const notice = { ...(sut.parse(fixture('valid', 'blue-whereabouts-niger.xml')) as object) };
    delete (notice as { subject?: unknown }).subject;
    const error = translationError(() => sut.serialize(notice));
    expect(error.code).toBe(TranslationErrorCode.OutputInvalid);
    expect(error.message).toContain('/Notice/Subject: is required on a BLUE notice');
  });

  it('writes a UN notice back to a document the XSD accepts', async () => {
    const written = sut.serialize(sut.parse(fixture('valid', 'un-person-sanctioned.xml')));
    await expect(sut.checkDocument(written)).resolves.toEqual([]);
  });
});
