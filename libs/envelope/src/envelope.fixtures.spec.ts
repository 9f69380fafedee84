// Every fixture file is a test case: drop a file in fixtures/valid or fixtures/invalid (with its
// *.expected.json) and it is checked here. The gateway's end-to-end tests reuse the same files.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EnvelopeError, EnvelopeErrorCode } from './envelope.error';
import { parseEnvelope } from './envelope.parser';

const FIXTURES = join(__dirname, '..', 'fixtures');
const EXPECTED_SUFFIX = '.expected.json';

interface ExpectedIssues {
  description: string;
  paths: string[];
}

function envelopeFiles(folder: string): string[] {
  return readdirSync(join(FIXTURES, folder))
    .filter((name) => name.endsWith('.json') && !name.endsWith(EXPECTED_SUFFIX))
    .sort();
}

function readBytes(folder: string, name: string): Buffer {
  return readFileSync(join(FIXTURES, folder, name));
}

function captureError(run: () => unknown): EnvelopeError {
  try {
    run();
  } catch (error: unknown) {
    if (error instanceof EnvelopeError) return error;
    throw error;
  }
  throw new Error('expected an EnvelopeError, got a valid envelope');
}

describe('envelope fixtures', () => {
  const valid = envelopeFiles('valid');
  const invalid = envelopeFiles('invalid');

  it('finds the fixtures the gateway relies on', () => {
    expect(valid).toEqual(
      expect.arrayContaining([
        'person-wanted.np-ml.json',
        'person-wanted.year-only.json',
        'person-missing.np-bf.json',
        'person-information.np-td.json',
        'body-unidentified.np-ne.json',
        'alert-threat.np-mr.json',
        'alert-hazard.rp.json',
        'modus-operandi.np-ml.json',
        'sanctions-un.person.json',
        'sanctions-un.entity.json',
        'request-information.np-ne.json',
        'response-information.np-ml.json',
        'incident-report.json',
      ]),
    );
    expect(invalid.length).toBeGreaterThanOrEqual(6);
  });

  describe.each(valid)('valid/%s', (name) => {
    it('parses to exactly the data in the file', () => {
      const bytes = readBytes('valid', name);

      const sut = parseEnvelope(bytes);

      expect(sut).toEqual(JSON.parse(bytes.toString('utf8')));
    });
  });

  describe.each(invalid)('invalid/%s', (name) => {
    it('is rejected with exactly the expected issue paths', () => {
      const expected = JSON.parse(
        readBytes('invalid', name.replace(/\.json$/, EXPECTED_SUFFIX)).toString('utf8'),
      ) as ExpectedIssues;

      const error = captureError(() => parseEnvelope(readBytes('invalid', name)));

      expect(error.code).toBe(EnvelopeErrorCode.Invalid);
      expect([...new Set(error.issues.map((issue) => issue.path))].sort()).toEqual(
        [...expected.paths].sort(),
      );
      expect(error.issues.every((issue) => issue.reason.length > 0)).toBe(true);
    });
  });

  it('leaves Object.prototype untouched after the prototype-pollution fixture', () => {
    captureError(() => parseEnvelope(readBytes('invalid', 'prototype-pollution.json')));

    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
