import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { validateEnvelope } from './envelope.validator';
import type { ValidationIssue } from './envelope.types';

// These tests break envelopes on purpose (wrong types, deleted required fields): a loose type is the point.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

function validEnvelope(): Json {
  const file = join(__dirname, '..', 'fixtures', 'valid', 'person-wanted.np-ml.json');
  return JSON.parse(readFileSync(file, 'utf8')) as Json;
}

function issuesOf(input: unknown): ValidationIssue[] {
  const result = validateEnvelope(input);
  if (result.ok) throw new Error('expected issues, the envelope was accepted');
  return result.issues;
}

const pathsOf = (input: unknown): string[] => issuesOf(input).map((issue) => issue.path);

describe(validateEnvelope.name, () => {
  it('accepts a valid envelope and returns a copy, not the caller’s object', () => {
    const input = validEnvelope();

    const sut = validateEnvelope(input);

    expect(sut).toEqual({ ok: true, envelope: input });
    expect(sut.ok && sut.envelope).not.toBe(input);
  });

  it('reports every issue at once, each at its own path', () => {
    const input = validEnvelope();
    input.sender = 'NP-SN';
    input.payload.subject.birthDate = '1984-13';
    input.payload.warrants[0].issuingCountry = 'XX';

    expect(pathsOf(input)).toEqual([
      'sender',
      'payload.subject.birthDate',
      'payload.warrants[0].issuingCountry',
    ]);
  });

  it('names the array item that broke an each-rule', () => {
    const input = validEnvelope();
    input.payload.subject.nationalities = ['ML', 'ne', 'NE'];
    input.recipients = ['INTERPOL', 'GATEWAY'];

    expect(pathsOf(input).sort()).toEqual(['payload.subject.nationalities[1]', 'recipients[1]']);
  });

  it('reports unknown properties so that typos show', () => {
    const input = validEnvelope();
    input.payload.subject.birthdate = '1984-03-17';
    input.classifcation = 'SECRET';

    expect(issuesOf(input)).toEqual(
      expect.arrayContaining([
        { path: 'classifcation', reason: 'is not an allowed property' },
        { path: 'payload.subject.birthdate', reason: 'is not an allowed property' },
      ]),
    );
  });

  it('says a required field is required, once', () => {
    const input = validEnvelope();
    delete input.payload.subject.familyName;

    expect(issuesOf(input)).toEqual([{ path: 'payload.subject.familyName', reason: 'is required' }]);
  });

  it('treats null as a value, not as an absent optional field', () => {
    const input = validEnvelope();
    input.inReplyTo = null;

    expect(pathsOf(input)).toEqual(['inReplyTo']);
  });

  it('refuses a list of lists where a list of warrants is expected', () => {
    const input = validEnvelope();
    input.payload.warrants = [input.payload.warrants];

    expect(issuesOf(input)).toEqual([{ path: 'payload.warrants[0]', reason: 'must be an object' }]);
  });

  it('only requires a JSON object as payload for incident.report, untyped on purpose', () => {
    const input = validEnvelope();
    input.type = 'incident.report';
    input.payload = { anything: ['goes', 1] };

    expect(validateEnvelope(input).ok).toBe(true);
  });

  it('reports an unknown type without judging the payload by another type’s rules', () => {
    const input = validEnvelope();
    input.type = 'person.fugitive';

    expect(pathsOf(input)).toEqual(['type']);
  });

  it.each([null, undefined, [], 'envelope', 42, true, new Date(), new Map()])(
    'reports %p as not an envelope',
    (input) => {
      expect(pathsOf(input)).toEqual(['']);
    },
  );

  it('reports prototype-polluting keys and leaves Object.prototype alone', () => {
    const input = JSON.parse(
      '{"__proto__":{"polluted":1},"payload":{"subject":{"constructor":{"prototype":{"polluted":2}}}}}',
    ) as unknown;

    const paths = pathsOf(input);

    expect(paths).toEqual(expect.arrayContaining(['__proto__', 'payload.subject.constructor']));
    expect(({} as Json).polluted).toBeUndefined();
  });

  it('reports data that JSON cannot carry', () => {
    const input = validEnvelope();
    input.payload.facts.summary = () => 'x';
    input.payload.subject.physicalDescription.heightCm = Number.NaN;
    input.payload.subject.givenNames = 'Oumar \ud800';
    input.self = input;

    expect(pathsOf(input).sort()).toEqual([
      'payload.facts.summary',
      'payload.subject.givenNames',
      'payload.subject.physicalDescription.heightCm',
      'self',
    ]);
  });

  it('survives hostile objects without throwing', () => {
    const throwing = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom');
        },
      },
    );
    let deep: unknown = {};
    for (let i = 0; i < 10_000; i++) deep = { payload: deep };

    expect(pathsOf(throwing)).toEqual(['']);
    expect(issuesOf(deep).length).toBeGreaterThan(0);
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const result = validateEnvelope(value);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on mutations of a valid envelope', () => {
    const keys = fc.constantFrom('id', 'type', 'payload', 'recipients', 'handling', '__proto__', 'createdAt');
    fc.assert(
      fc.property(keys, fc.jsonValue(), (key, value) => {
        const input = validEnvelope();
        // defineProperty, not assignment: `o.__proto__ = v` would set the prototype, not a key.
        Object.defineProperty(input.payload.subject, key, { value, enumerable: true });
        Object.defineProperty(input, key, { value, enumerable: true });
        const result = validateEnvelope(input);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });
});
