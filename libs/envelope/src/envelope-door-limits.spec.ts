// What the door refuses although the schema's shape would let it through: more than the notice
// schema holds, characters no real message contains, dates that cannot be, a second spelling of an
// id. Each was accepted and delivered to RP while its INTERPOL copy died (issue 11, defect 6).
import { NOTICE_OCCURS_LIMITS, NOTICE_TEXT_LIMITS } from '@pcms/notice';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalBytes } from './canonical-json';
import { EnvelopeError, EnvelopeErrorCode } from './envelope.error';
import { parseEnvelope } from './envelope.parser';
import type { PcmsEnvelope } from './envelope.types';

const VALID = JSON.parse(
  readFileSync(join(__dirname, '..', 'fixtures', 'valid', 'person-wanted.np-ml.json'), 'utf8'),
) as PcmsEnvelope & { payload: { subject: Record<string, unknown> } };

function withSubject(change: Record<string, unknown>, envelope = VALID): PcmsEnvelope {
  const copy = structuredClone<typeof VALID>(envelope);
  Object.assign(copy.payload.subject, change);
  return copy;
}

function refusal(envelope: PcmsEnvelope): EnvelopeError {
  const bytes = canonicalBytes(envelope);
  try {
    parseEnvelope(bytes, { requireCanonical: true });
  } catch (error: unknown) {
    if (error instanceof EnvelopeError) return error;
    throw error;
  }
  throw new Error('expected the door to refuse the envelope');
}

const aliases = (count: number): { familyName: string }[] =>
  Array.from({ length: count }, (_, index) => ({ familyName: `ALIAS ${index}` }));

describe('envelope door limits', () => {
  it('accepts as many aliases as the notice schema holds, and refuses one more', () => {
    const max = NOTICE_OCCURS_LIMITS.aliases;
    expect(() => parseEnvelope(canonicalBytes(withSubject({ aliases: aliases(max) })))).not.toThrow();

    const sut = refusal(withSubject({ aliases: aliases(max + 1) }));

    expect(sut.code).toBe(EnvelopeErrorCode.Invalid);
    expect(sut.issues).toContainEqual({
      path: 'payload.subject.aliases',
      reason: `must contain no more than ${max} elements`,
    });
  });

  it('refuses the 10,000 aliases that reached RP while the INTERPOL copy was dead-lettered', () => {
    expect(refusal(withSubject({ aliases: aliases(10_000) })).code).toBe(EnvelopeErrorCode.Invalid);
  });

  it('refuses a name longer than the notice field it maps to, counted in characters', () => {
    const max = NOTICE_TEXT_LIMITS.name;
    // An astral letter is two UTF-16 units and one character, for XSD as for this bound.
    expect(() => parseEnvelope(canonicalBytes(withSubject({ familyName: '𞤀'.repeat(max) })))).not.toThrow();

    const sut = refusal(withSubject({ familyName: 'A'.repeat(max + 1) }));

    expect(sut.issues).toContainEqual({
      path: 'payload.subject.familyName',
      reason: `must be at most ${max} characters`,
    });
  });

  it.each([
    ['NUL', '\u0000'],
    ['ESC', '\u001b'],
    ['DEL', '\u007f'],
    ['a C1 control (NEL)', '\u0085'],
    ['RIGHT-TO-LEFT OVERRIDE', '\u202e'],
    ['LEFT-TO-RIGHT EMBEDDING', '\u202a'],
    ['FIRST STRONG ISOLATE', '\u2068'],
    ['RIGHT-TO-LEFT MARK', '\u200f'],
    ['ARABIC LETTER MARK', '\u061c'],
  ])('refuses %s in a text field with its own code, naming the character not printing it', (_name, char) => {
    const sut = refusal(withSubject({ givenNames: `Oumar${char}Siaka` }));

    expect(sut.code).toBe(EnvelopeErrorCode.ForbiddenCharacter);
    expect(sut.message).toContain('at payload.subject.givenNames');
    expect(sut.message).not.toContain(char);
  });

  it('refuses a forbidden character in any string, deep in a list', () => {
    const sut = refusal(withSubject({ aliases: [{ familyName: 'ABOU', givenNames: '\u202eazmah' }] }));

    expect(sut.message).toContain('U+202E at payload.subject.aliases[0].givenNames');
  });

  it('keeps tabs and line breaks, which free text carries', () => {
    const envelope = structuredClone(VALID) as unknown as PcmsEnvelope & {
      payload: { facts: { summary: string } };
    };
    envelope.payload.facts.summary = 'Line one.\nLine two:\tindented.\r\n';

    expect(() => parseEnvelope(canonicalBytes(envelope))).not.toThrow();
  });

  it.each([
    ['decades ahead', '2090-01-01'],
    ['next year', `${new Date().getUTCFullYear() + 1}`],
    ['before 1900', '1850-05-01'],
    ['an impossible calendar date', '1990-02-30'],
  ])('refuses a birth date %s', (_name, birthDate) => {
    const sut = refusal(withSubject({ birthDate }));

    expect(sut.code).toBe(EnvelopeErrorCode.Invalid);
    expect(sut.issues.map((issue) => issue.path)).toContain('payload.subject.birthDate');
  });

  it('accepts a birth date of this year, given as the year alone', () => {
    const thisYear = `${new Date().getUTCFullYear()}`;

    expect(() => parseEnvelope(canonicalBytes(withSubject({ birthDate: thisYear })))).not.toThrow();
  });

  it.each(['id', 'correlationId'])('refuses an upper-case %s: one id, one spelling', (field) => {
    const envelope = { ...structuredClone(VALID), [field]: VALID.id.toUpperCase() };

    const sut = refusal(envelope);

    expect(sut.code).toBe(EnvelopeErrorCode.NotCanonical);
    expect(sut.message).toContain(`envelope ${field} is not in the canonical lower-case form`);
  });
});
