// Routing and delivery of the judicial network on the real broker, Redis and journal (issue 15):
// what an authority posts to the judicial door reaches, signed by the gateway, the systems the
// policy's judicial rules name (a stand-in plays every authority behind the default endpoint); the
// receipts relayed, delivered and retrieved land in the request's transport log; an authority whose
// own endpoint is dead gets its attempts, then not-delivered and a dead letter with the reason; a
// request on the INTERPOL channel reaches the I-24/7 peer as a DIFFUSION. Each verdict names its rule.
import {
  requestMessage,
  statusMessage,
  type JudicialRequest,
  type JudicialRequestMessage,
  type StoredJudicialRequest,
} from '@pcms/judicial';
import type { LoadedConfig } from '@pcms/config';
import type { JournalTraceEntry } from '@pcms/journal';
import { NoticeCodec } from '@pcms/notice';
import { createTestPki } from '@pcms/trust/testing';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli } from '../support/cli-runner';
import { expectEventually } from '../support/expect-eventually';
import { PROJECT_ROOT } from '../support/harness-config';
import { JudicialGateway } from '../support/judicial-gateway';
import { AuthoritySystemStandIn, deadPort } from './authority-system.stand-in';

jest.setTimeout(90_000);

const fixture = (file: string): JudicialRequest =>
  JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'libs/judicial/fixtures/requests/ok', file), 'utf8'),
  ) as JudicialRequest;

/** A fresh request id each time; the fixture's other fields. */
function request(file: string, changes: Partial<JudicialRequest> = {}): JudicialRequest {
  return { ...fixture(file), requestId: randomUUID(), ...changes };
}

describe('judicial routing and delivery', () => {
  let gateway: JudicialGateway;
  let standIn: AuthoritySystemStandIn;
  let deadEndpoint: string;
  /** The configuration the adapter runs with: the CLI of the replay reads the same. */
  let configured: LoadedConfig;
  let directoryFile: string;

  beforeAll(async () => {
    // The harness's PKI is the process's test PKI: the stand-in's certificate chains to its CA.
    standIn = await AuthoritySystemStandIn.start(createTestPki().ca);
    deadEndpoint = `https://127.0.0.1:${await deadPort()}/judicial/messages`;
    gateway = await JudicialGateway.start(__filename, (config) => {
      // Senegal's central authority names an endpoint of its own, where nothing answers.
      directoryFile = join(config.paths.data, 'judicial-directory.yaml');
      const shipped = readFileSync(join(PROJECT_ROOT, 'config', 'judicial-directory.yaml'), 'utf8');
      writeFileSync(
        directoryFile,
        shipped.replace(
          '  - id: SN-CA\n    state: SN\n',
          `  - id: SN-CA\n    state: SN\n    endpoint: ${deadEndpoint}\n`,
        ),
      );
      const judicialAdapter = {
        ...config.judicialAdapter,
        directoryFile,
        defaultEndpoint: standIn.url,
        defaultEndpointId: 'JUDICIAL-PEER',
      };
      configured = { ...config, judicialAdapter };
      return configured;
    });
    // The INTERPOL channel: the I-24/7 adapter runs the DIFFUSIONs the judicial adapter queues.
    await gateway.harness.startPeer();
    await gateway.harness.startInstance('i247-adapter', 1);
  });

  afterAll(async () => {
    await gateway?.stop();
    await standIn?.close();
  });

  async function stored(requestId: string): Promise<StoredJudicialRequest> {
    const found = await (await gateway.store()).find(requestId);
    if (!found) throw new Error(`request ${requestId} is not stored`);
    return found;
  }

  async function traceOf(
    messageId: string,
    until: (entries: JournalTraceEntry[]) => void,
  ): Promise<JournalTraceEntry[]> {
    return expectEventually(
      async () => {
        const entries = await (await gateway.harness.journal()).trace(messageId);
        until(entries);
        return entries;
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );
  }

  const evidenceOf = (request: StoredJudicialRequest, messageId: string) =>
    request.receipts
      .filter((receipt) => receipt.messageId === messageId)
      .map((receipt) => `${receipt.evidence}:${receipt.issuer}`)
      .sort();

  async function send(message: Parameters<JudicialGateway['send']>[0]): Promise<void> {
    const answer = await gateway.send(message);
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 202,
      body: { messageId: message.id, receipt: 'accepted' },
    });
  }

  it('delivers a request to its requested authority and a copy to the secretariat, gateway-signed, with receipts', async () => {
    const message = requestMessage(request('mla-mali-to-niger.json'));

    await send(message);

    const deliveries = await expectEventually(() => {
      const received = standIn.deliveriesOf(message.id);
      expect(received.map((delivery) => delivery.to).sort()).toEqual(['NE-CA', 'PCJS-SEC']);
      return received;
    });
    for (const delivery of deliveries) {
      // The sender's exact bytes, signed again by the gateway, over the gateway's TLS identity.
      expect(delivery).toMatchObject({ client: 'GATEWAY', signer: 'GATEWAY' });
      expect(delivery.body.toString('utf8')).toBe(JSON.stringify(message));
    }
    await expectEventually(async () =>
      expect(evidenceOf(await stored(message.payload.requestId), message.id)).toEqual([
        'accepted:GATEWAY',
        'delivered:NE-CA',
        'delivered:PCJS-SEC',
        'relayed:NE-CA',
        'relayed:PCJS-SEC',
        'retrieved:NE-CA',
        'retrieved:PCJS-SEC',
      ]),
    );
    const trace = await traceOf(message.id, (entries) =>
      expect(entries.filter((entry) => entry.stage === 'delivered')).toHaveLength(2),
    );
    const routed = trace.find((entry) => entry.stage === 'routed' && entry.app === 'judicial-adapter');
    expect(routed?.details).toMatchObject({
      destinations: ['NE-CA', 'PCJS-SEC'],
      verdicts: [
        { rule: 'judicial.addressee', detail: 'to the requested authority NE-CA' },
        {
          rule: 'judicial.secretariat-copy',
          detail: expect.stringContaining('copy to the secretariat PCJS-SEC'),
        },
      ],
    });
    expect(routed?.correlationId).toBe(message.payload.requestId);
  });

  it('delivers a status to the other party of the stored request, and to the secretariat', async () => {
    const mla = requestMessage(request('mla-mali-to-niger.json'));
    await send(mla);
    const received = statusMessage({
      requestId: mla.payload.requestId,
      status: 'RECEIVED',
      authority: 'NE-CA',
    });

    await send(received);

    await expectEventually(() =>
      expect(
        standIn
          .deliveriesOf(received.id)
          .map((delivery) => delivery.to)
          .sort(),
      ).toEqual(['ML-CA', 'PCJS-SEC']),
    );
    await expectEventually(async () =>
      expect(evidenceOf(await stored(mla.payload.requestId), received.id)).toEqual(
        expect.arrayContaining(['retrieved:ML-CA', 'retrieved:PCJS-SEC']),
      ),
    );
    const trace = await traceOf(received.id, (entries) =>
      expect(entries.some((entry) => entry.stage === 'routed')).toBe(true),
    );
    expect(trace.find((entry) => entry.stage === 'routed')?.details.verdicts).toEqual([
      { rule: 'judicial.addressee', detail: 'RECEIVED to the requesting authority ML-CA' },
      expect.objectContaining({ rule: 'judicial.secretariat-copy' }),
    ]);
  });

  it('retries a dead endpoint, then records not-delivered and dead-letters the message with the reason; the others still get it', async () => {
    const message: JudicialRequestMessage = requestMessage(
      request('mla-mali-to-niger.json', { requested: { authority: 'SN-CA' } }),
    );

    await send(message);

    const letter = await gateway.harness.deadLetterOf(message.id);
    expect(letter).toMatchObject({
      code: 'HTTP_CONNECTION_FAILED',
      stage: 'deliver',
      originalQueue: 'judicial-adapter.delivery',
      headers: expect.objectContaining({ 'pcms-judicial-destination': 'SN-CA' }),
    });
    const attempts = gateway.config.judicialAdapter.delivery.attempts;
    expect(letter.reason).toContain(`${deadEndpoint}`);
    expect(letter.reason).toContain(`(after ${attempts} attempts)`);
    expect(letter.body.toString('utf8')).toBe(JSON.stringify(message));
    await expectEventually(async () => {
      const receipts = (await stored(message.payload.requestId)).receipts.filter(
        (r) => r.messageId === message.id,
      );
      expect(receipts.find((r) => r.evidence === 'not-delivered')).toMatchObject({
        issuer: 'SN-CA',
        reason: expect.stringMatching(/^HTTP_CONNECTION_FAILED: Cannot reach .*\(after \d+ attempts\)$/),
      });
      expect(receipts.some((r) => r.evidence === 'retrieved' && r.issuer === 'PCJS-SEC')).toBe(true);
    });
    const trace = await traceOf(message.id, (entries) =>
      expect(entries.some((entry) => entry.stage === 'dead-lettered')).toBe(true),
    );
    expect(trace.find((entry) => entry.stage === 'failed')?.details).toMatchObject({
      destination: 'SN-CA',
      code: 'HTTP_CONNECTION_FAILED',
      attempts,
    });
    expect(standIn.deliveriesOf(message.id).map((delivery) => delivery.to)).toEqual(['PCJS-SEC']);
  });

  it('replays a dead-lettered judicial delivery, once its endpoint is corrected, to that authority only', async () => {
    const message = requestMessage(request('mla-mali-to-niger.json', { requested: { authority: 'SN-CA' } }));
    await send(message);
    await gateway.harness.deadLetterOf(message.id);
    // The operator corrects the directory: Senegal's authority is reached at the default endpoint.
    writeFileSync(
      directoryFile,
      readFileSync(directoryFile, 'utf8').replace(`    endpoint: ${deadEndpoint}\n`, ''),
    );

    const replay = await runCli(
      configured,
      'dlq',
      'replay',
      message.id,
      '--operator',
      'op-judicial',
      '--json',
    );

    expect(replay.exitCode).toBe(0);
    expect(JSON.parse(replay.output)).toMatchObject({
      messageId: message.id,
      code: 'HTTP_CONNECTION_FAILED',
      to: 'judicial-delivery:SN-CA:requeued',
    });
    await expectEventually(() =>
      expect(
        standIn
          .deliveriesOf(message.id)
          .map((delivery) => delivery.to)
          .sort(),
      ).toEqual(['PCJS-SEC', 'SN-CA']),
    );
    await expectEventually(async () =>
      expect(evidenceOf(await stored(message.payload.requestId), message.id)).toEqual(
        expect.arrayContaining(['not-delivered:SN-CA', 'delivered:SN-CA', 'retrieved:SN-CA']),
      ),
    );
    const trace = await traceOf(message.id, (entries) =>
      expect(entries.filter((entry) => entry.stage === 'delivered')).toHaveLength(2),
    );
    expect(trace.find((entry) => entry.stage === 'replayed')?.details).toMatchObject({
      operator: 'op-judicial',
    });
    expect(
      trace.find((entry) => entry.stage === 'delivered' && entry.details.destination === 'SN-CA')?.details,
    ).toMatchObject({
      rule: 'judicial.addressee',
    });
    const letters = await gateway.harness.stats.peekDeadLetters(500);
    expect(letters.filter((letter) => letter.messageId === message.id)).toEqual([]);
  });

  it('sends a request on the INTERPOL channel as a DIFFUSION the I-24/7 peer stores, beside its requested authority', async () => {
    const message = requestMessage(
      request('extradition-mali-to-senegal.json', { channel: 'interpol', requested: { authority: 'NE-CA' } }),
    );

    await send(message);

    const [kept] = await expectEventually(
      async () => {
        const notices = (await gateway.harness.inbox.list()).filter((notice) => notice.name === message.id);
        expect(notices).toHaveLength(1);
        return notices;
      },
      { timeoutMs: 20_000, intervalMs: 100 },
    );
    const notice = new NoticeCodec().parse(readFileSync(kept.files.xml));
    expect(notice).toMatchObject({
      noticeType: 'DIFFUSION',
      noticeId: message.id,
      subject: { surname: 'RECHERCHE' },
      diffusion: { kind: 'REQUEST', urgency: 'URGENT' },
    });
    await expectEventually(() =>
      expect(
        standIn
          .deliveriesOf(message.id)
          .map((delivery) => delivery.to)
          .sort(),
      ).toEqual(['NE-CA', 'PCJS-SEC']),
    );
    const trace = await traceOf(message.id, (entries) =>
      expect(entries.some((entry) => entry.app === 'i247-adapter' && entry.stage === 'delivered')).toBe(true),
    );
    expect(trace.find((entry) => entry.stage === 'routed')?.details).toMatchObject({
      destinations: ['NE-CA', 'PCJS-SEC', 'INTERPOL'],
      verdicts: expect.arrayContaining([
        {
          rule: 'judicial.interpol-channel',
          detail:
            'to INTERPOL: a DIFFUSION through the I-24/7 adapter (type judicial.request; channel interpol)',
        },
      ]),
    });
    expect(evidenceOf(await stored(message.payload.requestId), message.id)).toContain('relayed:INTERPOL');
  });
});
