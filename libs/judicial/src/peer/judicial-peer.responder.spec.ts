import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { JudicialRequest } from '../request/judicial-request.dto';
import { contactMessage, requestMessage, statusMessage } from '../sending/judicial-message.builders';
import { answerReceived, receivedStatusOf } from './judicial-peer.responder';

const REQUEST = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/requests/ok/mla-mali-to-niger.json'), 'utf8'),
) as JudicialRequest;

describe(receivedStatusOf.name, () => {
  it('answers a request RECEIVED as its requested authority, at the given time', () => {
    const at = new Date('2026-12-04T10:00:00Z');

    const sut = receivedStatusOf(requestMessage(REQUEST), at);

    expect(sut).toMatchObject({
      type: 'judicial.status',
      from: 'NE-CA',
      payload: { requestId: REQUEST.requestId, status: 'RECEIVED', authority: 'NE-CA', at: at.toISOString() },
    });
  });

  it('answers nothing to a status or a contact', () => {
    expect(
      receivedStatusOf(
        statusMessage({ requestId: REQUEST.requestId, status: 'RECEIVED', authority: 'NE-CA' }),
      ),
    ).toBeUndefined();
    expect(
      receivedStatusOf(
        contactMessage({ from: 'GH-WACAP-PROS', to: 'ML-WACAP-PROS', subject: 's', text: 't' }),
      ),
    ).toBeUndefined();
  });
});

describe(answerReceived.name, () => {
  it('sends nothing when the PKI holds no key for the requested authority, and says whose', async () => {
    const asked: string[] = [];

    const sut = await answerReceived(requestMessage(REQUEST), {
      doorUrl: 'https://127.0.0.1:1/judicial/messages',
      caPem: '',
      credentialOf: (id) => {
        asked.push(id);
        return undefined;
      },
    });

    expect(sut).toEqual({ sent: false, reason: 'no-key', authority: 'NE-CA' });
    expect(asked).toEqual(['NE-CA']);
  });
});
