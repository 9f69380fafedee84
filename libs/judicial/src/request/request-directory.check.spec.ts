import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseJudicialDirectory } from '../directory/directory.reader';
import type { JudicialDirectory } from '../directory/judicial-directory';
import { JudicialErrorCode } from '../judicial.error';
import type { JudicialRequest } from './judicial-request.dto';
import { validateJudicialRequest } from './judicial-request.validator';
import { checkRequestAgainstDirectory as sut } from './request-directory.check';

const ROOT = join(__dirname, '../../../..');
const directory = ((): JudicialDirectory => {
  const file = join(ROOT, 'config/judicial-directory.yaml');
  const report = parseJudicialDirectory(readFileSync(file, 'utf8'), file);
  if (report.directory === undefined) throw new Error(JSON.stringify(report.issues));
  return report.directory;
})();

function fixture(name: string): JudicialRequest {
  const input: unknown = JSON.parse(
    readFileSync(join(__dirname, '../../fixtures/requests/ok', name), 'utf8'),
  );
  const result = validateJudicialRequest(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.request;
}

describe('checkRequestAgainstDirectory', () => {
  it.each(['mla-mali-to-niger.json', 'extradition-mali-to-senegal.json'])('finds %s in order', (name) => {
    expect(sut(fixture(name), directory)).toEqual([]);
  });

  it.each([
    [
      'an unknown requested authority',
      (r: JudicialRequest) => (r.requested.authority = 'NE-NOBODY'),
      JudicialErrorCode.AuthorityUnknown,
      'requested.authority',
    ],
    [
      'an unknown requesting authority',
      (r: JudicialRequest) => (r.requesting.authority = 'XX-CA'),
      JudicialErrorCode.AuthorityUnknown,
      'requesting.authority',
    ],
    [
      'a request sent to a focal point',
      (r: JudicialRequest) => (r.requested.authority = 'NE-PCJS-FP'),
      JudicialErrorCode.AuthorityWrongRole,
      'requested.authority',
    ],
    [
      'a request within one state',
      (r: JudicialRequest) => (r.requested.authority = 'ML-PCJS-FP'),
      JudicialErrorCode.SameState,
      'requested.authority',
    ],
    [
      'a treaty Chad is not party to',
      (r: JudicialRequest) => (r.requested.authority = 'TD-CA'),
      JudicialErrorCode.TreatyNotInForce,
      'legalBasis[0].treaty',
    ],
    [
      'the extradition convention for an MLA request',
      (r: JudicialRequest) => (r.legalBasis[0].treaty = 'ecowas-extradition-1994'),
      JudicialErrorCode.TreatyNotInForce,
      'legalBasis[0].treaty',
    ],
    [
      'a treaty the directory does not know',
      (r: JudicialRequest) => (r.legalBasis[0].treaty = 'lome-1999'),
      JudicialErrorCode.TreatyNotInForce,
      'legalBasis[0].treaty',
    ],
  ])('refuses %s', (_name, mutate, code, path) => {
    const request = fixture('mla-mali-to-niger.json');
    mutate(request);
    expect(sut(request, directory)).toContainEqual(expect.objectContaining({ code, path }));
  });

  it('refuses a channel the requested authority does not accept', () => {
    const request = fixture('mla-mali-to-niger.json');
    request.requested.authority = 'NE-PCJS-FP';
    request.channel = 'interpol';
    expect(sut(request, directory)).toContainEqual(
      expect.objectContaining({ code: JudicialErrorCode.ChannelNotAccepted, path: 'channel' }),
    );
  });
});
