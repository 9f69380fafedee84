// A signed person.wanted crosses from a national platform to the I-24/7-like peer, on the real
// RabbitMQ and Redis, through the four apps started as in production.
import { canonicalBytes, type PcmsEnvelope } from '@pcms/envelope';
import { NoticeCodec, XsdValidator } from '@pcms/notice';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectEventually } from '../support/expect-eventually';
import { OUTBOUND_FIXTURE, personWanted, readJson } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';

jest.setTimeout(60_000);

describe('outbound: national platform → I-24/7-like peer', () => {
  let gateway: GatewayHarness;

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename);
    await gateway.startAll();
  });

  afterAll(() => gateway.stop());

  const receiptsOf = async (messageId: string) =>
    (await gateway.inbox.receipts()).filter((receipt) => receipt.messageId === messageId);

  it('delivers a signed notice that validates against the XSD, verifies with OpenSSL and matches the fixture', async () => {
    // The fixture as written, but created now: an old createdAt is refused as stale at the door.
    const createdAt = new Date();
    const fixture = {
      ...readJson<PcmsEnvelope>(`${OUTBOUND_FIXTURE}.input.json`),
      createdAt: createdAt.toISOString(),
    };

    await gateway.platform('NP-ML').submit(fixture);

    await expectEventually(async () => expect(await receiptsOf(fixture.id)).toHaveLength(1), {
      timeoutMs: 20_000,
    });
    const [stored] = (await gateway.inbox.list()).filter((notice) => notice.name === fixture.id);
    const xml = readFileSync(stored.files.xml, 'utf8');
    expect(await new XsdValidator().validateNoticeXml(xml)).toEqual({ valid: true, errors: [] });
    const caFile = join(gateway.config.paths.data, 'ca-for-openssl.crt');
    writeFileSync(caFile, gateway.pki.ca.certificatePem);
    const openssl = execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        stored.files.signature,
        '-content',
        stored.files.xml,
        '-CAfile',
        caFile,
        '-purpose',
        'any',
        '-out',
        '/dev/null',
      ],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(openssl).toBe('');
    const codec = new NoticeCodec();
    const expected = codec.parse(readFileSync(`${OUTBOUND_FIXTURE}.expected.xml`));
    const interpolDate = createdAt.toISOString().slice(0, 10).replace(/-/g, '/');
    expect(codec.parse(xml)).toEqual({ ...expected, issueDate: interpolDate });
  });

  it('delivers a message submitted twice with the same id to the peer once', async () => {
    const message = personWanted();
    const marker = personWanted();
    const platform = gateway.platform('NP-ML');

    await platform.submit(message);
    await expectEventually(async () => expect(await receiptsOf(message.id)).toHaveLength(1), {
      timeoutMs: 20_000,
    });
    await platform.submit(message);
    // The marker follows the duplicate through the same doors: once it has arrived, the duplicate
    // has been dealt with too.
    await platform.submit(marker);
    await expectEventually(async () => expect(await receiptsOf(marker.id)).toHaveLength(1), {
      timeoutMs: 20_000,
    });

    expect(await receiptsOf(message.id)).toHaveLength(1);
  });

  it('sends a message for a PCMS platform to its queue, signed by the gateway', async () => {
    const message = personWanted({ recipients: ['RP', 'INTERPOL'] });

    await gateway.platform('NP-ML').submit(message);

    const received = await expectEventually(
      async () => {
        const messages = await gateway.platform('RP').drain();
        expect(messages.map((m) => m.envelope.id)).toContain(message.id);
        return messages;
      },
      { timeoutMs: 20_000 },
    );
    const mine = received.find((m) => m.envelope.id === message.id);
    expect(mine?.signature.signerId).toBe('GATEWAY');
    expect(canonicalBytes(mine?.envelope)).toEqual(canonicalBytes(message));
  });
});
