import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { JudicialErrorCode } from '../judicial.error';
import { validateJudicialRequest as sut } from './judicial-request.validator';

const OK_DIR = join(__dirname, '../../fixtures/requests/ok');
const okFixtures = readdirSync(OK_DIR).filter((file) => file.endsWith('.json'));
const load = (file: string): Record<string, unknown> =>
  JSON.parse(readFileSync(join(OK_DIR, file), 'utf8')) as Record<string, unknown>;
const mla = (): Record<string, unknown> => load('mla-mali-to-niger.json');
/** By reference, never inline: the file stays on its sender's system. */
const ATTACHMENT = {
  uri: 'https://127.0.0.1:9445/judicial/attachments/ML-CA/commission-rogatoire.txt',
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  title: 'ordonnance de commission rogatoire internationale',
  mediaType: 'text/plain',
};

// Mutations reach into nested JSON freely: typing each path would hide what the case breaks.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Mutation = (request: Record<string, any>) => void;

describe('validateJudicialRequest', () => {
  it.each(okFixtures)('accepts %s', (file) => {
    expect(sut(load(file))).toMatchObject({ ok: true });
  });

  // Each case breaks one rule of a valid request; the issue must name the field and say why.
  const cases: [string, Mutation, string, RegExp][] = [
    ['no legal basis', (r) => (r.legalBasis = []), 'legalBasis', /at least 1/],
    ['legal basis missing', (r) => delete r.legalBasis, 'legalBasis', /is required/],
    [
      'a treaty basis without its treaty',
      (r) => delete r.legalBasis[0].treaty,
      'legalBasis[0].treaty',
      /required when kind is treaty/,
    ],
    [
      'a UNTOC basis on another article',
      (r) => (r.legalBasis[1].article = 17),
      'legalBasis[1].article',
      /16, 18/,
    ],
    [
      'a UNTOC basis naming a treaty',
      (r) => (r.legalBasis[1].treaty = 'x'),
      'legalBasis[1].treaty',
      /only for kind treaty/,
    ],
    [
      'reciprocity without undertaking',
      (r) => (r.legalBasis = [{ kind: 'reciprocity' }]),
      'legalBasis[0].undertaking',
      /undertaking/,
    ],
    ['an unknown kind', (r) => (r.kind = 'letter-rogatory'), 'kind', /must be one of/],
    ['an unknown channel', (r) => (r.channel = 'fax'), 'channel', /must be one of/],
    ['urgent without reason', (r) => delete r.urgency.reason, 'urgency.reason', /not routine/],
    ['no requesting reference', (r) => delete r.requesting.reference, 'requesting.reference', /is required/],
    ['no requested authority', (r) => delete r.requested.authority, 'requested.authority', /is required/],
    [
      'an offence without its text',
      (r) => delete r.offences[0].provisionText,
      'offences[0].provisionText',
      /is required/,
    ],
    [
      'a penalty in months as years',
      (r) => (r.offences[0].maximumPenalty.years = 2.5),
      'offences[0].maximumPenalty.years',
      /integer/,
    ],
    ['no offence', (r) => (r.offences = []), 'offences', /at least 1/],
    ['a person of no role', (r) => (r.persons[0].role = 'informant'), 'persons[0].role', /must be one of/],
    [
      'a person without a family name',
      (r) => delete r.persons[1].identity.familyName,
      'persons[1].identity.familyName',
      /is required/,
    ],
    ['no measure', (r) => (r.measures = []), 'measures', /at least 1/],
    ['needed by a partial date', (r) => (r.neededBy.date = '2027-01'), 'neededBy.date', /YYYY-MM-DD/],
    ['needed by without why', (r) => delete r.neededBy.reason, 'neededBy.reason', /is required/],
    ['a language in two letters', (r) => (r.language = 'fr'), 'language', /639-2/],
    [
      'an attachment with a short digest',
      (r) => (r.attachments = [{ ...ATTACHMENT, sha256: 'abc' }]),
      'attachments[0].sha256',
      /SHA-256/,
    ],
    [
      'an attachment inline',
      (r) => (r.attachments = [{ ...ATTACHMENT, uri: 'not a uri' }]),
      'attachments[0].uri',
      /absolute URI/,
    ],
    ['a linked request that is no id', (r) => (r.linkedRequests = ['REQ-1']), 'linkedRequests', /UUID/],
    [
      'a supplementary request linked to nothing',
      (r) => (r.kind = 'supplementary'),
      'linkedRequests',
      /supplementary request completes/,
    ],
    ['an extradition of nobody sought', (r) => (r.kind = 'extradition'), 'persons', /role sought/],
    ['a misspelt field', (r) => (r.legalBase = []), 'legalBase', /not an allowed property/],
    ['a request id that is no UUID', (r) => (r.requestId = 'ML-1'), 'requestId', /UUID/],
  ];

  it.each(cases)('refuses %s, naming the field', (_name, mutate, path, reason) => {
    const request = mla();
    mutate(request);

    const result = sut(request);

    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toContainEqual(
      expect.objectContaining({
        code: JudicialErrorCode.RequestInvalid,
        path,
        reason: expect.stringMatching(reason),
      }),
    );
  });

  it('refuses what is not an object, without throwing', () => {
    for (const input of [null, [], 'request', 42]) {
      expect(sut(input)).toEqual({
        ok: false,
        issues: [expect.objectContaining({ code: JudicialErrorCode.RequestInvalid, path: '' })],
      });
    }
  });

  it('reports every issue at once', () => {
    const request = mla();
    delete request.facts;
    request.channel = 'fax';

    const result = sut(request);

    expect(result.ok ? [] : result.issues.map((issue) => issue.path)).toEqual(
      expect.arrayContaining(['facts', 'channel']),
    );
  });
});
