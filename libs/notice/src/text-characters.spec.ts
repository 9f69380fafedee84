// The peer door refuses the characters the envelope door refuses (one class, text-characters.ts),
// raw or written as a character reference, which the XML parser would otherwise decode into a name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { NoticeCodec } from './notice.codec';
import { NoticeError, NoticeErrorCode } from './notice.error';

const MINIMAL = readFileSync(join(__dirname, '..', 'fixtures', 'valid', 'red-minimal.xml'), 'utf8');

function withSurname(surname: string): string {
  return MINIMAL.replace(
    /<PersonSurName>[^<]*<\/PersonSurName>/,
    `<PersonSurName>${surname}</PersonSurName>`,
  );
}

function failure(action: () => unknown): NoticeError {
  try {
    action();
  } catch (error: unknown) {
    if (error instanceof NoticeError) return error;
    throw error;
  }
  throw new Error('expected a NoticeError');
}

describe('notice text characters', () => {
  const sut = new NoticeCodec();

  it('takes a name in Arabic script as it is', () => {
    expect(() => sut.parse(withSurname('التراوري'))).not.toThrow();
  });

  it.each([
    ['a raw RIGHT-TO-LEFT OVERRIDE', 'TRA\u202eORE', 'U+202E'],
    ['a RIGHT-TO-LEFT OVERRIDE as a reference', 'TRA&#x202E;ORE', 'U+202E'],
    ['a decimal reference to POP DIRECTIONAL ISOLATE', 'TRA&#8297;ORE', 'U+2069'],
    ['a C1 control', 'TRA\u0085ORE', 'U+0085'],
    ['an ARABIC LETTER MARK', 'التر\u061cاوري', 'U+061C'],
  ])('refuses %s as NOTICE_FORBIDDEN_CHARACTER', (_name, surname, label) => {
    const error = failure(() => sut.parse(withSurname(surname)));

    expect(error.code).toBe(NoticeErrorCode.NOTICE_FORBIDDEN_CHARACTER);
    expect(error.message).toContain(label);
  });
});
