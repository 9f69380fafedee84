// A signed notice from the I-24/7-like peer reaches every G5 platform it concerns, and RP.
import type { DeadLetter } from '@pcms/messaging';
import { SignedHttpError } from '@pcms/signed-http';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectEventually } from '../support/expect-eventually';
import { RED_MALI_NIGER } from '../support/fixtures';
import { PROJECT_ROOT } from '../support/gateway.harness';
import { SuiteGateway } from '../support/suite-gateway';

jest.setTimeout(60_000);

const YELLOW_MAURITANIAN = join(
  PROJECT_ROOT,
  'mappings/yellow-to-person-missing/fixtures/yellow-birth-country-mauritanie.input.xml',
);

describe('inbound: I-24/7-like peer → national platforms', () => {
  const suite = SuiteGateway.start(__filename);

  it('sends a Malian national wanted by Niger to NP-ML, NP-NE and RP once each, signed by the gateway, and not to NP-BF', async () => {
    const response = await suite.gateway.peerSender().sendFile(RED_MALI_NIGER, randomUUID());
    expect(response.status).toBe(202);
    const { messageId } = JSON.parse(response.body) as { messageId: string };

    for (const platform of ['NP-ML', 'NP-NE', 'RP'] as const) {
      const message = await suite.receivedOnce(platform, messageId);
      expect(message.signature.signerId).toBe('GATEWAY');
      expect(message.envelope).toMatchObject({
        type: 'person.wanted',
        sender: 'INTERPOL',
        recipients: ['NP-ML', 'NP-NE', 'RP'],
        payload: { subject: { familyName: 'TRAORE', nationalities: ['ML'] } },
      });
    }
    expect(await suite.received('NP-BF')).toEqual([]);
  });

  it('sends a Frenchman missing in Mali to NP-ML, by where he disappeared, and RP; the journal says why', async () => {
    // The YELLOW fixture of a Mauritanian missing in Mauritania, made French and missing in Mali:
    // no nationality names a G5 platform, only the place of the disappearance does.
    const notice = readFileSync(YELLOW_MAURITANIAN, 'utf8')
      .replace('<PersonNationality>MR</PersonNationality>', '<PersonNationality>FR</PersonNationality>')
      .replace(
        '<DisappearanceCountryCode>MR</DisappearanceCountryCode>',
        '<DisappearanceCountryCode>ML</DisappearanceCountryCode>',
      );
    const response = await suite.gateway.peerSender().send(Buffer.from(notice), randomUUID());
    expect(response.status).toBe(202);
    const { messageId } = JSON.parse(response.body) as { messageId: string };

    for (const platform of ['NP-ML', 'RP'] as const) {
      const message = await suite.receivedOnce(platform, messageId);
      expect(message.envelope).toMatchObject({
        type: 'person.missing',
        recipients: ['NP-ML', 'RP'],
        payload: { subject: { nationalities: ['FR'] }, disappearance: { country: 'ML' } },
      });
    }
    expect(await suite.holdersOf(messageId, ['NP-MR', 'NP-BF', 'NP-NE', 'NP-TD'])).toEqual([]);
    const journal = await suite.gateway.journal();
    const policy = await expectEventually(async () => {
      const entry = (await journal.trace(messageId)).find((e) => e.stage === 'policy');
      expect(entry).toBeDefined();
      return entry;
    });
    expect(policy?.details).toEqual({
      direction: 'inbound',
      verdicts: [
        { rule: 'inbound.event-country', detail: 'disappearance in ML → NP-ML' },
        { rule: 'inbound.regional-platform', detail: 'every inbound notice → RP' },
      ],
    });
  });

  it('refuses a notice with a DOCTYPE and quarantines it with the reason', async () => {
    const hostile = readFileSync(RED_MALI_NIGER, 'utf8').replace(
      '<?xml version="1.0" encoding="UTF-8"?>',
      '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE Notice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>',
    );
    const peerMessageId = randomUUID();

    const refusal = await suite.gateway
      .peerSender()
      .send(Buffer.from(hostile), peerMessageId)
      .catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(SignedHttpError);
    expect(refusal).toMatchObject({ status: 422 });
    const letter = await expectEventually(async () => {
      const found = (await suite.gateway.stats.peekDeadLetters(50)).find(
        (l: DeadLetter) => l.messageId === peerMessageId,
      );
      expect(found).toBeDefined();
      return found as DeadLetter;
    });
    expect(letter).toMatchObject({ code: 'NOTICE_DOCTYPE_FORBIDDEN', stage: 'map' });
  });

  it('refuses a notice signed by someone other than the peer', async () => {
    const notice = readFileSync(RED_MALI_NIGER);
    const impostor = suite.gateway.peerSender(suite.gateway.pki.platforms['NP-BF']);

    const refusal = await impostor.send(notice, randomUUID()).catch((error: unknown) => error);

    expect(refusal).toMatchObject({ status: 403 });
  });
});
