// What the envelope still let through that the notice schema refuses (issue 11, defect 6's
// leftovers): blank text, decimals where the XSD takes whole numbers, dates that cannot be, and an
// over-long list that cost a full nested walk before its refusal.
import { NOTICE_OCCURS_LIMITS } from '@pcms/notice';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { canonicalBytes } from './canonical-json';
import { PersonNameDto } from './dto/person-subject.dto';
import { EnvelopeError, EnvelopeErrorCode } from './envelope.error';
import { parseEnvelope } from './envelope.parser';
import type { PcmsEnvelope } from './envelope.types';
import { validateEnvelope } from './envelope.validator';

type Json = Record<string, unknown>;

function fixture(name: string): PcmsEnvelope & { payload: Json } {
  return JSON.parse(
    readFileSync(join(__dirname, '..', 'fixtures', 'valid', name), 'utf8'),
  ) as PcmsEnvelope & {
    payload: Json;
  };
}

/** The fixture with `change` applied to the object at `path` inside its payload. */
function changed(name: string, path: string[], change: Json): PcmsEnvelope {
  const envelope = fixture(name);
  const target = path.reduce<Json>((node, key) => node[key] as Json, envelope.payload);
  Object.assign(target, change);
  return envelope;
}

function refusal(envelope: PcmsEnvelope): EnvelopeError {
  try {
    parseEnvelope(canonicalBytes(envelope));
  } catch (error: unknown) {
    if (error instanceof EnvelopeError) return error;
    throw error;
  }
  throw new Error('expected the door to refuse the envelope');
}

const accepted = (envelope: PcmsEnvelope): boolean => validateEnvelope(envelope).ok;
const year = (offset: number): string => `${new Date().getUTCFullYear() + offset}`;

describe('envelope door: what the notice schema refuses', () => {
  it.each([
    ['a required name', 'person-wanted.np-ml.json', ['subject'], 'familyName'],
    ['an optional name', 'person-wanted.np-ml.json', ['subject'], 'givenNames'],
    ['a required summary', 'person-wanted.np-ml.json', ['facts'], 'summary'],
    ['a document number', 'sanctions-un.person.json', ['identityDocuments', '0'], 'number'],
  ])('refuses blank-only text in %s, as the XSD does', (_what, name, path, field) => {
    for (const blank of ['   ', '\t\r\n ']) {
      const sut = refusal(changed(name, path, { [field]: blank }));

      expect(sut.code).toBe(EnvelopeErrorCode.Invalid);
      expect(sut.issues).toContainEqual({
        path: ['payload', ...path.map((p) => (/^\d+$/.test(p) ? `[${p}]` : p)), field]
          .join('.')
          .replace(/\.\[/g, '['),
        reason: 'must contain a character other than spaces, tabs and line breaks',
      });
    }
  });

  it('refuses a blank item of a text list at its index', () => {
    const sut = refusal(
      changed('modus-operandi.np-ml.json', ['modusOperandi'], { methods: ['forged', ' '] }),
    );

    expect(sut.issues.map((issue) => issue.path)).toContain('payload.modusOperandi.methods[1]');
  });

  it('keeps text whose only letter is a non-breaking space: XSD blank is space, tab, CR, LF only', () => {
    expect(accepted(changed('person-wanted.np-ml.json', ['subject'], { givenNames: '\u00a0' }))).toBe(true);
  });

  it.each([
    ['person-wanted.np-ml.json', ['subject', 'physicalDescription'], 'heightCm'],
    ['person-wanted.np-ml.json', ['subject', 'physicalDescription'], 'weightKg'],
    ['body-unidentified.np-ne.json', ['body'], 'heightCm'],
  ])('refuses a decimal in %s at %j.%s where the XSD takes a positive integer', (name, path, field) => {
    expect(accepted(changed(name, path, { [field]: 171 }))).toBe(true);

    const sut = refusal(changed(name, path, { [field]: 171.5 }));

    expect(sut.code).toBe(EnvelopeErrorCode.Invalid);
    expect(sut.issues.map((issue) => issue.path)).toContain(['payload', ...path, field].join('.'));
  });

  it.each([
    ['periodFrom in the future', { periodFrom: year(1) }],
    ['periodFrom before 1900', { periodFrom: '1850' }],
    ['periodTo in the future', { periodTo: year(3) }],
  ])('refuses a modus operandi %s: a period of facts has happened', (_what, change) => {
    const sut = refusal(changed('modus-operandi.np-ml.json', ['modusOperandi'], change));

    expect(sut.code).toBe(EnvelopeErrorCode.Invalid);
    expect(sut.issues.map((issue) => issue.path)).toContain(
      `payload.modusOperandi.${Object.keys(change)[0]}`,
    );
  });

  it.each([
    ['before 1900', '1899-12-31'],
    ['centuries ahead', '2999-01-01'],
    ['past the horizon', year(51)],
  ])('refuses a document expiry %s', (_what, expiresOn) => {
    const sut = refusal(changed('sanctions-un.person.json', ['identityDocuments', '0'], { expiresOn }));

    expect(sut.issues.map((issue) => issue.path)).toContain('payload.identityDocuments[0].expiresOn');
  });

  it('accepts a document that expires in ten years', () => {
    const envelope = changed('sanctions-un.person.json', ['identityDocuments', '0'], { expiresOn: year(10) });

    expect(accepted(envelope)).toBe(true);
  });
});

describe('envelope door: an over-long list is refused before its items are walked', () => {
  const aliases = (count: number): Json[] =>
    Array.from({ length: count }, (_, index) => ({ familyName: `ALIAS ${index}` }));

  function namesValidated(count: number): { names: number; ok: boolean } {
    // Every alias becomes a PersonNameDto: counting writes of its familyName counts the items walked.
    const descriptor = { names: 0 };
    const original = Object.getOwnPropertyDescriptor(PersonNameDto.prototype, 'familyName');
    Object.defineProperty(PersonNameDto.prototype, 'familyName', {
      configurable: true,
      set(this: Json, value: unknown) {
        descriptor.names += 1;
        Object.defineProperty(this, 'familyName', {
          value,
          writable: true,
          enumerable: true,
          configurable: true,
        });
      },
    });
    try {
      const result = validateEnvelope(
        changed('person-wanted.np-ml.json', ['subject'], { aliases: aliases(count) }),
      );
      return { names: descriptor.names, ok: result.ok };
    } finally {
      if (original) Object.defineProperty(PersonNameDto.prototype, 'familyName', original);
      else Reflect.deleteProperty(PersonNameDto.prototype, 'familyName');
    }
  }

  it('walks no more items than the notice schema holds, whatever the list length', () => {
    const max = NOTICE_OCCURS_LIMITS.aliases;

    const sut = namesValidated(10_000);

    expect(sut.ok).toBe(false);
    expect(sut.names).toBeLessThanOrEqual(max + 1);
  });
});
