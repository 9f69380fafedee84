import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractBusinessKeys } from './business-key.extractor';
import { nameIndexTerms } from './name.folding';

const ROOT = join(__dirname, '..', '..', '..');
const envelope = readFileSync(
  join(ROOT, 'mappings/person-wanted-to-red/fixtures/mali-national-wanted-by-mali-and-niger.input.json'),
);
const notice = readFileSync(join(ROOT, 'libs/notice/fixtures/valid/red-full-mali-niger.xml'));

function termsOf(kind: string, terms: { kind: string; term: string }[]): string[] {
  return terms
    .filter((t) => t.kind === kind)
    .map((t) => t.term)
    .sort();
}

describe(extractBusinessKeys.name, () => {
  it('reads the subject’s names, its aliases and the warrants’ references from a PCMS envelope', () => {
    const sut = extractBusinessKeys({ contentType: 'application/json', bytes: envelope });

    expect(termsOf('name', sut)).toEqual(
      [...new Set([...nameIndexTerms('DEMBÉLÉ Oumar Siaka'), ...nameIndexTerms('ABOU HAMZA')])].sort(),
    );
    expect(termsOf('warrant', sut)).toEqual(['MLPJSTCO20230412', 'NEPJS20240087']);
    // The place of birth, the authority and the facts are no business key.
    expect(termsOf('name', sut)).not.toContain(nameIndexTerms('Mopti')[0]);
  });

  it('reads the names, the notice id and the warrants’ references from an I-24/7 notice, entities decoded', () => {
    const sut = extractBusinessKeys({ contentType: 'application/xml', bytes: notice });

    expect(termsOf('notice', sut)).toEqual(['202548213']);
    expect(termsOf('warrant', sut)).toEqual(['MLTGIBKO20240173', 'NEPJNIA202455']);
    expect(termsOf('name', sut)).toEqual(
      [...new Set(nameIndexTerms('TRAORE Amadou Hamidou TRAORÉ Hamidou DIALLO'))].sort(),
    );
    const prefixed = Buffer.from(
      '<n:Notice xmlns:n="urn:pcms:i247:notice:1"><n:PersonSurName>MOHAMED &amp; FILS &#x645;&#x62D;&#x645;&#x62F;</n:PersonSurName></n:Notice>',
    );
    expect(termsOf('name', extractBusinessKeys({ contentType: 'application/xml', bytes: prefixed }))).toEqual(
      [...new Set(nameIndexTerms('MOHAMED FILS محمد'))].sort(),
    );
  });

  it('finds nothing in a payload it cannot read, rather than failing', () => {
    expect(extractBusinessKeys({ contentType: 'application/json', bytes: Buffer.from('{not json') })).toEqual(
      [],
    );
    expect(
      extractBusinessKeys({ contentType: 'application/octet-stream', bytes: Buffer.from([0xff, 0x00]) }),
    ).toEqual([]);
  });
});
