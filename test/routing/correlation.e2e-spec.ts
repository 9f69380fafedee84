// Issue 6, point 5: a request sent to the I-24/7 side and the reply that comes back are linked, and
// the reply reaches the platform that asked. NP-ML asks; the peer receives a DIFFUSION REQUEST and
// answers a DIFFUSION RESPONSE naming it; NP-ML (and RP) receive the signed response.information,
// NP-NE does not although the reply's subject is Nigerien; one journal search finds both messages.
import type { PcmsEnvelope } from '@pcms/envelope';
import { NoticeCodec } from '@pcms/notice';
import { RequestCorrelationStore } from '@pcms/routing';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expectEventually } from '../support/expect-eventually';
import { readJson } from '../support/fixtures';
import { PROJECT_ROOT } from '../support/gateway.harness';
import { SuiteGateway } from '../support/suite-gateway';

jest.setTimeout(90_000);

const MAPPINGS = join(PROJECT_ROOT, 'mappings');
const REQUEST_FIXTURE = join(
  MAPPINGS,
  'request-information-to-diffusion/fixtures/urgent-request-about-a-person.input.json',
);
const RESPONSE_NOTICE = join(
  MAPPINGS,
  'diffusion-to-response-information/fixtures/diffusion-response-found-birth-country-tchad.input.xml',
);
const FIXTURE_REQUEST_ID = '3b4c5d6e-7f8a-4b9c-8d0e-2f3a4b5c6d7e';

/** The peer's answer to `requestId`; its subject is made Nigerien, so nationality alone would reach NP-NE. */
function responseNotice(requestId: string): Buffer {
  const xml = readFileSync(RESPONSE_NOTICE, 'utf8')
    .replace(`<InReplyTo>${FIXTURE_REQUEST_ID}</InReplyTo>`, `<InReplyTo>${requestId}</InReplyTo>`)
    .replace('<PersonNationality>DZ</PersonNationality>', '<PersonNationality>NE</PersonNationality>');
  expect(xml).toContain(`<InReplyTo>${requestId}</InReplyTo>`);
  return Buffer.from(xml, 'utf8');
}

describe('correlation: a request to INTERPOL and its reply', () => {
  const suite = SuiteGateway.start(__filename);

  async function replyTo(requestId: string): Promise<string> {
    const response = await suite.gateway.peerSender().send(responseNotice(requestId), randomUUID());
    expect(response.status).toBe(202);
    return (JSON.parse(response.body) as { messageId: string }).messageId;
  }

  it('brings the reply to the platform that asked, with the request id as inReplyTo and correlationId', async () => {
    const request: PcmsEnvelope = {
      ...readJson<PcmsEnvelope>(REQUEST_FIXTURE),
      id: randomUUID(),
      sender: 'NP-ML',
      createdAt: new Date().toISOString(),
    };
    await suite.gateway.platform('NP-ML').submit(request);

    const notice = await expectEventually(
      async () => {
        const [stored] = (await suite.gateway.inbox.list()).filter((n) => n.name === request.id);
        expect(stored).toBeDefined();
        return new NoticeCodec().parse(readFileSync(stored.files.xml));
      },
      { timeoutMs: 20_000 },
    );
    expect(notice).toMatchObject({
      noticeType: 'DIFFUSION',
      noticeId: request.id,
      diffusion: { kind: 'REQUEST' },
    });

    const replyId = await replyTo(request.id);

    const reply = await suite.receivedOnce('NP-ML', replyId);
    expect(reply.signature.signerId).toBe('GATEWAY');
    expect(reply.envelope).toMatchObject({
      type: 'response.information',
      sender: 'INTERPOL',
      inReplyTo: request.id,
      correlationId: request.id,
      recipients: ['NP-ML', 'RP'],
      payload: { response: { found: true }, subject: { nationalities: ['ML', 'NE'] } },
    });
    expect((await suite.receivedOnce('RP', replyId)).envelope.inReplyTo).toBe(request.id);
    // Published with the copies above: had NP-NE been routed one, it would be in its queue by now.
    expect(await suite.holdersOf(replyId, ['NP-NE'])).toEqual([]);

    const journal = await suite.gateway.journal();
    await expectEventually(
      async () => {
        const hits = await journal.search({ correlationId: request.id });
        expect(hits.map((hit) => hit.messageId).sort()).toEqual([request.id, replyId].sort());
      },
      { timeoutMs: 20_000 },
    );
    // The reply's received entry can be written a batch before its policy entry.
    await expectEventually(
      async () => {
        const policy = (await journal.trace(replyId)).find((entry) => entry.stage === 'policy');
        expect(JSON.stringify(policy?.details)).toContain(`in reply to ${request.id}, requested by NP-ML`);
      },
      { timeoutMs: 20_000 },
    );
  });

  it('sends a reply to a request the gateway never sent to RP only, and journals why', async () => {
    const unknown = randomUUID();

    const replyId = await replyTo(unknown);

    expect((await suite.receivedOnce('RP', replyId)).envelope).toMatchObject({ inReplyTo: unknown });
    expect(await suite.holdersOf(replyId, ['NP-ML', 'NP-NE', 'NP-TD'])).toEqual([]);
    const journal = await suite.gateway.journal();
    const policy = await expectEventually(
      async () => {
        const entry = (await journal.trace(replyId)).find((e) => e.stage === 'policy');
        expect(entry).toBeDefined();
        return entry;
      },
      { timeoutMs: 20_000 },
    );
    expect(JSON.stringify(policy?.details)).toContain(
      `in reply to ${unknown}, a request the gateway did not send`,
    );
  });
});

describe(RequestCorrelationStore.name, () => {
  const redis = new Redis(process.env.PCMS_REDIS_URL ?? 'redis://127.0.0.1:6379');
  const keyPrefix = `pcms-test:correlation-store:${randomUUID()}`;
  const sut = new RequestCorrelationStore(redis, { keyPrefix, retentionSeconds: 60 });

  afterAll(async () => {
    const keys = await redis.keys(`${keyPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('remembers the asking platform and the correlation, with an expiry', async () => {
    const id = randomUUID();
    const correlationId = randomUUID();

    expect(await sut.record({ id, sender: 'NP-TD' })).toEqual({ requester: 'NP-TD', correlationId: id });
    expect(await sut.lookup(id)).toEqual({ requester: 'NP-TD', correlationId: id });
    await sut.record({ id, sender: 'NP-BF', correlationId });
    expect(await sut.lookup(id)).toEqual({ requester: 'NP-BF', correlationId });
    expect(await redis.ttl(`${keyPrefix}:${id}`)).toBeGreaterThan(50);
  });

  it('knows nothing of an unknown id, a sender that is not a platform, or a damaged record', async () => {
    const fromInterpol = randomUUID();
    const damaged = randomUUID();
    await redis.set(`${keyPrefix}:${damaged}`, '{"requester":"NP-XX"');

    expect(await sut.record({ id: fromInterpol, sender: 'INTERPOL' })).toBeUndefined();
    expect(await sut.lookup(fromInterpol)).toBeUndefined();
    expect(await sut.lookup(randomUUID())).toBeUndefined();
    expect(await sut.lookup(damaged)).toBeUndefined();
  });
});
