import { join } from 'node:path';
import { loadJudicialDirectory } from '../directory/directory.reader';
import type { JudicialDirectory } from '../directory/judicial-directory';
import type { JudicialMessage } from '../wire/judicial-message';
import { checkSender } from './judicial-sender.rules';

const ID = '3f0a9c1e-6b2d-4c8e-9a7f-1b2c3d4e5f60';

function contact(from: string, to: string, sentAt = '2026-12-04T10:00:00Z'): JudicialMessage {
  return {
    type: 'judicial.contact',
    id: ID,
    sentAt,
    from,
    payload: { to, subject: 'Entraide', text: 'Pouvons-nous parler ?', language: 'fre' },
  };
}

describe(checkSender.name, () => {
  let directory: JudicialDirectory;

  beforeAll(async () => {
    directory = await loadJudicialDirectory(
      join(__dirname, '..', '..', '..', '..', 'config', 'judicial-directory.yaml'),
    );
  });

  it('lets WACAP focal points of two member states speak to each other', () => {
    expect(checkSender(contact('GH-WACAP-PROS', 'ML-WACAP-PROS'), directory)).toBeUndefined();
  });

  it.each([
    [
      'a Sahel platform focal point to a WACAP focal point (no network in common)',
      'ML-PCJS-FP',
      'GH-WACAP-PROS',
      'JUDICIAL_CONTACT_NOT_FOCAL_POINTS',
    ],
    [
      'from the secretariat (not a focal point)',
      'PCJS-SEC',
      'NE-PCJS-FP',
      'JUDICIAL_CONTACT_NOT_FOCAL_POINTS',
    ],
    [
      'to an addressee the directory does not list',
      'GH-WACAP-PROS',
      'ML-NOBODY',
      'JUDICIAL_AUTHORITY_UNKNOWN',
    ],
  ])('refuses a contact: %s', (_case, from, to, code) => {
    expect(checkSender(contact(from, to), directory)).toMatchObject({ code, fault: 'content' });
  });

  it('refuses a sender the directory does not list as a client fault', () => {
    expect(checkSender(contact('ZZ-CA', 'ML-WACAP-PROS'), directory)).toMatchObject({
      code: 'JUDICIAL_AUTHORITY_UNKNOWN',
      fault: 'client',
    });
  });

  it('refuses a status from the secretariat: listed, but party to no request since it speaks for no state', () => {
    const status: JudicialMessage = {
      type: 'judicial.status',
      id: ID,
      sentAt: '2026-12-04T10:00:00Z',
      from: 'PCJS-SEC',
      payload: { requestId: ID, status: 'RECEIVED', authority: 'PCJS-SEC', at: '2026-12-04T10:00:00Z' },
    };

    expect(checkSender(status, directory)).toMatchObject({
      code: 'JUDICIAL_STATUS_NOT_A_PARTY',
      fault: 'content',
      reason: `PCJS-SEC is not a party to request ${ID}: it speaks for no state (platform-secretariat), so it moves no request`,
    });
  });

  it('refuses a status sent by another authority than the one it names', () => {
    const status: JudicialMessage = {
      type: 'judicial.status',
      id: ID,
      sentAt: '2026-12-04T10:00:00Z',
      from: 'NE-PCJS-FP',
      payload: { requestId: ID, status: 'RECEIVED', authority: 'NE-CA', at: '2026-12-04T10:00:00Z' },
    };

    expect(checkSender(status, directory)).toMatchObject({
      code: 'JUDICIAL_SENDER_NOT_AUTHOR',
      fault: 'client',
    });
  });
});
