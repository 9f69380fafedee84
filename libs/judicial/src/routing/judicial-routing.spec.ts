// decideJudicial under the shipped rules (config/policy.yaml, read by @pcms/config as the judicial
// adapter reads it) and the shipped directory, then under rules other than the shipped ones.
import { loadPolicy } from '@pcms/config';
import { JUDICIAL_RULE_CHANNELS, JUDICIAL_RULE_TYPES, type JudicialRule } from '@pcms/routing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadJudicialDirectory } from '../directory/directory.reader';
import type { JudicialDirectory } from '../directory/judicial-directory';
import { REQUEST_CHANNELS } from '../judicial.constants';
import type { JudicialRequest } from '../request/judicial-request.dto';
import {
  JUDICIAL_MESSAGE_TYPES,
  type JudicialContactMessage,
  type JudicialRequestMessage,
  type JudicialStatusMessage,
} from '../wire/judicial-message';
import { decideJudicial as sut, type RoutedRequest } from './judicial-routing';

const ROOT = join(__dirname, '../../../..');
const FIXTURES = join(__dirname, '../../fixtures/requests/ok');
const shippedRules = loadPolicy({ rootDir: ROOT }).judicial;
const payloadOf = (file: string): JudicialRequest =>
  JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as JudicialRequest;
const SENT_AT = '2026-12-04T10:00:00Z';

function requestMessage(overrides: Partial<JudicialRequest> = {}): JudicialRequestMessage {
  const payload = { ...payloadOf('mla-mali-to-niger.json'), ...overrides };
  return {
    type: 'judicial.request',
    id: '5b0c7d3e-1f2a-4b6c-8d9e-0a1b2c3d4e5f',
    sentAt: SENT_AT,
    from: payload.requesting.authority,
    payload,
  };
}

function statusMessage(
  from: string,
  status: JudicialStatusMessage['payload']['status'],
): JudicialStatusMessage {
  return {
    type: 'judicial.status',
    id: '7c1d8e4f-2a3b-4c5d-9e0f-1a2b3c4d5e6f',
    sentAt: SENT_AT,
    from,
    payload: { requestId: '6f1c2a4e-8b3d-4c5e-9f10-2a3b4c5d6e7f', status, authority: from, at: SENT_AT },
  };
}

const STORED_ML_NE: RoutedRequest = {
  authorities: { requesting: 'ML-CA', requested: 'NE-CA' },
  parties: { requesting: 'ML', requested: 'NE' },
  channel: 'central-authority',
};

describe(sut.name, () => {
  let directory: JudicialDirectory;
  beforeAll(async () => {
    directory = await loadJudicialDirectory(join(ROOT, 'config', 'judicial-directory.yaml'));
  });

  it('names the same message types and channels as the policy may (the lists @pcms/config validates)', () => {
    expect([...JUDICIAL_RULE_TYPES]).toEqual([...JUDICIAL_MESSAGE_TYPES]);
    expect([...JUDICIAL_RULE_CHANNELS]).toEqual([...REQUEST_CHANNELS]);
  });

  it('sends a request between two Sahel platform members to its requested authority and the secretariat', () => {
    const decision = sut(requestMessage(), shippedRules, directory);

    expect(decision.destinations).toEqual([
      { kind: 'authority', authorityId: 'NE-CA', rule: 'judicial.addressee' },
      { kind: 'authority', authorityId: 'PCJS-SEC', rule: 'judicial.secretariat-copy' },
    ]);
    expect(decision.verdicts).toEqual([
      { rule: 'judicial.addressee', detail: 'to the requested authority NE-CA' },
      {
        rule: 'judicial.secretariat-copy',
        detail:
          'copy to the secretariat PCJS-SEC (type judicial.request; ML and NE members of sahel-platform on 2026-12-04)',
      },
    ]);
  });

  it('adds INTERPOL for a request on the INTERPOL channel, beside its requested authority', () => {
    const decision = sut(requestMessage({ channel: 'interpol' }), shippedRules, directory);

    expect(decision.destinations).toEqual([
      { kind: 'authority', authorityId: 'NE-CA', rule: 'judicial.addressee' },
      { kind: 'authority', authorityId: 'PCJS-SEC', rule: 'judicial.secretariat-copy' },
      { kind: 'interpol', rule: 'judicial.interpol-channel' },
    ]);
    expect(decision.verdicts.at(-1)).toEqual({
      rule: 'judicial.interpol-channel',
      detail: 'to INTERPOL: a DIFFUSION through the I-24/7 adapter (type judicial.request; channel interpol)',
    });
  });

  it('sends no copy to the secretariat when a state is not a member of the platform that day', () => {
    const toGhana = requestMessage({ requested: { authority: 'GH-CA' } });
    const beforeSenegalJoined = {
      ...requestMessage({ requested: { authority: 'SN-CA' } }),
      sentAt: '2012-03-01T09:00:00Z',
    };

    expect(sut(toGhana, shippedRules, directory).destinations).toEqual([
      { kind: 'authority', authorityId: 'GH-CA', rule: 'judicial.addressee' },
    ]);
    expect(sut(beforeSenegalJoined, shippedRules, directory).destinations.map((d) => d.rule)).toEqual([
      'judicial.addressee',
    ]);
  });

  it('sends a status to the other party of the stored request, and a copy to the secretariat', () => {
    const received = sut(statusMessage('NE-CA', 'RECEIVED'), shippedRules, directory, {
      request: STORED_ML_NE,
    });
    // Another authority of the requesting state withdraws: the requested authority is told.
    const withdrawn = sut(statusMessage('ML-PCJS-FP', 'WITHDRAWN'), shippedRules, directory, {
      request: STORED_ML_NE,
    });

    expect(received.destinations).toEqual([
      { kind: 'authority', authorityId: 'ML-CA', rule: 'judicial.addressee' },
      { kind: 'authority', authorityId: 'PCJS-SEC', rule: 'judicial.secretariat-copy' },
    ]);
    expect(received.verdicts[0]).toEqual({
      rule: 'judicial.addressee',
      detail: 'RECEIVED to the requesting authority ML-CA',
    });
    expect(withdrawn.destinations[0]).toEqual({
      kind: 'authority',
      authorityId: 'NE-CA',
      rule: 'judicial.addressee',
    });
  });

  it('says why a status about a request it does not know, or from neither side, has no addressee', () => {
    const unknown = sut(statusMessage('NE-CA', 'RECEIVED'), shippedRules, directory);
    const stranger = sut(statusMessage('SN-CA', 'RECEIVED'), shippedRules, directory, {
      request: STORED_ML_NE,
    });

    expect(unknown).toEqual({
      destinations: [],
      verdicts: [
        {
          rule: 'judicial.addressee',
          detail: 'request 6f1c2a4e-8b3d-4c5e-9f10-2a3b4c5d6e7f is not stored: no other party to tell',
        },
      ],
    });
    expect(stranger.verdicts[0]).toEqual({
      rule: 'judicial.addressee',
      detail: 'SN-CA is not a party to request 6f1c2a4e-8b3d-4c5e-9f10-2a3b4c5d6e7f: no other party to tell',
    });
    expect(stranger.destinations.map((d) => d.kind === 'authority' && d.authorityId)).toEqual(['PCJS-SEC']);
  });

  it('sends a WACAP contact to its addressee only', () => {
    const contact: JudicialContactMessage = {
      type: 'judicial.contact',
      id: '8d2e9f50-3b4c-4d5e-8f60-2b3c4d5e6f70',
      sentAt: SENT_AT,
      from: 'GH-WACAP-PROS',
      payload: {
        to: 'ML-WACAP-PROS',
        subject: 'Avant une demande',
        text: 'Pouvons-nous parler ?',
        language: 'fre',
      },
    };

    expect(sut(contact, shippedRules, directory)).toEqual({
      destinations: [{ kind: 'authority', authorityId: 'ML-WACAP-PROS', rule: 'judicial.addressee' }],
      verdicts: [{ rule: 'judicial.addressee', detail: 'contact to ML-WACAP-PROS' }],
    });
  });

  it('lists an authority named by two rules once, and never sends a message back to its sender', () => {
    const rules: JudicialRule[] = [
      { name: 'addressee', to: 'addressee' },
      { name: 'again', when: { type: ['judicial.request'] }, to: 'addressee' },
      { name: 'interpol-status', when: { type: ['judicial.status'] }, to: 'interpol' },
    ];
    const toItself = statusMessage('ML-CA', 'WITHDRAWN');

    const twice = sut(requestMessage(), rules, directory);
    const back = sut(toItself, rules, directory, {
      request: { ...STORED_ML_NE, authorities: { requesting: 'ML-CA', requested: 'ML-CA' } },
    });

    expect(twice.destinations).toEqual([
      { kind: 'authority', authorityId: 'NE-CA', rule: 'judicial.addressee' },
    ]);
    expect(twice.verdicts.map((verdict) => verdict.rule)).toEqual(['judicial.addressee', 'judicial.again']);
    expect(back.destinations).toEqual([]);
    expect(back.verdicts).toEqual([
      {
        rule: 'judicial.addressee',
        detail: 'WITHDRAWN to the requested authority ML-CA: not back to its sender',
      },
      {
        rule: 'judicial.interpol-status',
        detail:
          'a judicial.status does not travel as a DIFFUSION: only a request does (type judicial.status)',
      },
    ]);
  });

  it('sends an INTERPOL-channel request only as a DIFFUSION when the addressee rule excludes the channel', () => {
    const rules: JudicialRule[] = [
      { name: 'addressee', when: { channelNotIn: ['interpol'] }, to: 'addressee' },
      { name: 'interpol-channel', when: { channel: ['interpol'] }, to: 'interpol' },
    ];
    const contact: JudicialContactMessage = {
      type: 'judicial.contact',
      id: '9e3f0a61-4c5d-4e6f-9071-3c4d5e6f7081',
      sentAt: SENT_AT,
      from: 'GH-WACAP-PROS',
      payload: { to: 'ML-WACAP-PROS', subject: 'Sujet', text: 'Texte', language: 'fre' },
    };

    expect(sut(requestMessage({ channel: 'interpol' }), rules, directory).destinations).toEqual([
      { kind: 'interpol', rule: 'judicial.interpol-channel' },
    ]);
    expect(sut(requestMessage(), rules, directory).destinations).toEqual([
      { kind: 'authority', authorityId: 'NE-CA', rule: 'judicial.addressee' },
    ]);
    // A contact has no channel: channelNotIn holds for it, channel does not.
    expect(sut(contact, rules, directory).destinations).toEqual([
      { kind: 'authority', authorityId: 'ML-WACAP-PROS', rule: 'judicial.addressee' },
    ]);
  });
});
