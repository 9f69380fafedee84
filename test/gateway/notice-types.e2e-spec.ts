// Issue 4: every notice type crosses the running gateway both ways, on the real RabbitMQ and Redis.
// Outbound, a platform submits the PCMS message of a mapping's fixture and the peer must hold a
// signed notice of the right type equal to the fixture's expected notice; inbound, the peer sends
// a fixture notice and exactly the platforms it concerns receive the fixture's expected envelope.
// Table-driven: a notice type is one row; each group of types has its own describe.
import { PLATFORM_IDS, type PcmsEnvelope, type PlatformId } from '@pcms/envelope';
import { NoticeCodec, XsdValidator, type NoticeType } from '@pcms/notice';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectEventually } from '../support/expect-eventually';
import { readJson } from '../support/fixtures';
import { PROJECT_ROOT } from '../support/gateway.harness';
import { SuiteGateway } from '../support/suite-gateway';

jest.setTimeout(60_000);

interface NoticeTypeCase {
  noticeType: NoticeType;
  /** `<mapping>/fixtures/<name>` of an outbound fixture: a releasable message (RESTRICTED at most, consent given). */
  outbound: string;
  /** `<mapping>/fixtures/<name>` of an inbound fixture, and the platforms its notice concerns. */
  inbound: string;
  platforms: PlatformId[];
}

const fixture = (path: string): string => join(PROJECT_ROOT, 'mappings', path);
const codec = new NoticeCodec();
const xsd = new XsdValidator();
const suite = SuiteGateway.start(__filename);

async function expectOutbound({ noticeType, outbound }: NoticeTypeCase): Promise<void> {
  // The fixture as written, but created now: an old createdAt is refused as stale at the door.
  const createdAt = new Date();
  const envelope = {
    ...readJson<PcmsEnvelope>(`${fixture(outbound)}.input.json`),
    createdAt: createdAt.toISOString(),
  };

  await suite.gateway.platform(envelope.sender as PlatformId).submit(envelope);

  await expectEventually(
    async () =>
      expect((await suite.gateway.inbox.receipts()).filter((r) => r.messageId === envelope.id)).toHaveLength(
        1,
      ),
    { timeoutMs: 20_000 },
  );
  const [stored] = (await suite.gateway.inbox.list()).filter((notice) => notice.name === envelope.id);
  const xml = readFileSync(stored.files.xml, 'utf8');
  expect(await xsd.validateNoticeXml(xml)).toEqual({ valid: true, errors: [] });
  const expected = codec.parse(readFileSync(`${fixture(outbound)}.expected.xml`));
  const issueDate = createdAt.toISOString().slice(0, 10).replace(/-/g, '/');
  expect(expected.noticeType).toBe(noticeType);
  expect(codec.parse(xml)).toEqual({ ...expected, issueDate });
}

async function expectInbound({ inbound, platforms }: NoticeTypeCase): Promise<void> {
  const response = await suite.gateway.peerSender().sendFile(`${fixture(inbound)}.input.xml`, randomUUID());
  expect(response.status).toBe(202);
  const { messageId } = JSON.parse(response.body) as { messageId: string };
  const expected = readJson<PcmsEnvelope>(`${fixture(inbound)}.expected.json`);

  for (const platform of platforms) {
    const message = await suite.receivedOnce(platform, messageId);
    expect(message.signature.signerId).toBe('GATEWAY');
    // The gateway fills the id, the time and the recipients; the rest is the fixture's envelope.
    expect(message.envelope).toEqual({
      ...expected,
      id: messageId,
      createdAt: message.envelope.createdAt,
      sender: 'INTERPOL',
      recipients: platforms,
    });
  }
  // Every copy was published with the ones above: the platforms it does not concern have had theirs.
  const others = PLATFORM_IDS.filter((platform) => !platforms.includes(platform));
  expect(await suite.holdersOf(messageId, others)).toEqual([]);
}

/** Each case crosses the running gateway out (from a platform) and in (from the peer). */
function crossesBothWays(cases: NoticeTypeCase[]): void {
  it.each(cases)('a platform sends the PCMS message, the peer holds a valid signed $noticeType notice', (c) =>
    expectOutbound(c),
  );

  it.each(cases)('the peer sends a $noticeType notice, $platforms receive the PCMS message', (c) =>
    expectInbound(c),
  );
}

describe('person and body notices: YELLOW, BLUE, BLACK, GREEN', () => {
  const cases: NoticeTypeCase[] = [
    {
      noticeType: 'YELLOW',
      outbound: 'person-missing-to-yellow/fixtures/girl-missing-from-nouakchott-full',
      inbound: 'yellow-to-person-missing/fixtures/yellow-birth-country-mauritanie',
      platforms: ['NP-MR', 'RP'],
    },
    {
      noticeType: 'BLUE',
      outbound: 'person-information-to-blue/fixtures/chadian-trader-last-seen-in-niger-full',
      inbound: 'blue-to-person-information/fixtures/blue-birth-country-tchad',
      platforms: ['NP-TD', 'RP'],
    },
    {
      noticeType: 'BLACK',
      outbound: 'body-unidentified-to-black/fixtures/body-found-near-gao-full',
      // No subject: the possible identity's nationalities (NE, NG) and where the body was found (NE).
      inbound: 'black-to-body-unidentified/fixtures/black-full-possible-identity',
      platforms: ['NP-NE', 'RP'],
    },
    {
      noticeType: 'GREEN',
      outbound: 'alert-threat-to-green/fixtures/terrorism-armed-and-dangerous-full',
      inbound: 'green-to-alert-threat/fixtures/green-birth-country-tchad',
      platforms: ['NP-TD', 'RP'],
    },
  ];

  crossesBothWays(cases);
});

describe('hazard, method, sanctions and messages: ORANGE, PURPLE, UN, DIFFUSION', () => {
  const cases: NoticeTypeCase[] = [
    {
      noticeType: 'ORANGE',
      outbound: 'alert-hazard-to-orange/fixtures/parcel-bomb-with-full-suspect',
      inbound: 'orange-to-alert-hazard/fixtures/orange-event-birth-country-tchad',
      platforms: ['NP-TD', 'RP'],
    },
    {
      noticeType: 'PURPLE',
      outbound: 'modus-operandi-to-purple/fixtures/fuel-smuggling-full',
      // No subject: the countries where the method was seen (BF, NE, TG) name the platforms.
      inbound: 'purple-to-modus-operandi/fixtures/purple-gold-smuggling-full',
      platforms: ['NP-BF', 'NP-NE', 'RP'],
    },
    {
      noticeType: 'UN',
      outbound: 'sanctions-un-to-un/fixtures/entity-semicolon-separated-aliases',
      // Nationalities DZ and ML: Algeria has no PCMS platform.
      inbound: 'un-to-sanctions-un/fixtures/un-person-french-birth-country-year-only',
      platforms: ['NP-ML', 'RP'],
    },
    {
      noticeType: 'DIFFUSION',
      outbound: 'request-information-to-diffusion/fixtures/urgent-request-about-a-person',
      inbound: 'diffusion-to-request-information/fixtures/diffusion-request-urgent-birth-country-tchad',
      platforms: ['NP-TD', 'RP'],
    },
    {
      noticeType: 'DIFFUSION',
      outbound: 'response-information-to-diffusion/fixtures/found-with-subject',
      // A reply to a request this gateway never sent: RP only, whatever its subject's nationality
      // (test/routing/correlation.e2e-spec.ts covers a reply to a known request).
      inbound: 'diffusion-to-response-information/fixtures/diffusion-response-arabic-name-year-only',
      platforms: ['RP'],
    },
  ];

  crossesBothWays(cases);
});
