// The dispatcher between routing and the queues: which job goes where, signed by whom, and which
// receipt it leaves; the queues and the store are in-memory stand-ins (the e2e runs the real ones).
import type { DeliveryQueue, NoticeDeliveryJob } from '@pcms/delivery';
import { MappingRegistry, Translator } from '@pcms/translation';
import type { CmsSigner } from '@pcms/trust';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadJudicialDirectory, parseJudicialDirectory } from '../directory/directory.reader';
import type { JudicialDirectory } from '../directory/judicial-directory';
import type { TransportReceipt } from '../receipts/transport-receipt';
import type { JudicialRequest } from '../request/judicial-request.dto';
import type { JudicialContactMessage, JudicialRequestMessage } from '../wire/judicial-message';
import type { JudicialDeliveryJob } from './judicial-delivery.job';
import type { JudicialDeliveryQueue } from './judicial-delivery.queue';
import { JudicialDispatcher, endpointOf } from './judicial-dispatcher';

const ROOT = join(__dirname, '../../../..');
const DEFAULT = { url: 'https://127.0.0.1:19445/judicial/messages', serverId: 'JUDICIAL-PEER' };
const payload = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/requests/ok/mla-mali-to-niger.json'), 'utf8'),
) as JudicialRequest;
const request: JudicialRequestMessage = {
  type: 'judicial.request',
  id: '5b0c7d3e-1f2a-4b6c-8d9e-0a1b2c3d4e5f',
  sentAt: '2026-12-04T10:00:00Z',
  from: 'ML-CA',
  payload: { ...payload, channel: 'interpol' },
};

describe(JudicialDispatcher.name, () => {
  let directory: JudicialDirectory;
  let translator: Translator;
  beforeAll(async () => {
    directory = await loadJudicialDirectory(join(ROOT, 'config', 'judicial-directory.yaml'));
    const mappings = new MappingRegistry();
    await mappings.loadDirectory(join(ROOT, 'mappings'));
    translator = new Translator(mappings);
  });

  function harness() {
    const jobs: JudicialDeliveryJob[] = [];
    const notices: NoticeDeliveryJob[] = [];
    const receipts: TransportReceipt[] = [];
    const signed: string[] = [];
    const sut = new JudicialDispatcher({
      deliveries: {
        enqueue: (job: JudicialDeliveryJob) => (jobs.push(job), Promise.resolve('queued')),
      } as unknown as JudicialDeliveryQueue,
      interpol: {
        enqueue: (job: NoticeDeliveryJob) => (notices.push(job), Promise.resolve('queued')),
      } as unknown as DeliveryQueue<NoticeDeliveryJob>,
      signer: {
        sign: (bytes: Buffer) => (signed.push(bytes.toString('utf8')), Buffer.from('sig')),
      } as unknown as CmsSigner,
      directory,
      translator,
      store: {
        recordReceipt: (receipt) => (receipts.push(receipt), Promise.resolve({ outcome: 'recorded' })),
      },
      defaultEndpoint: DEFAULT,
      clock: () => new Date('2026-12-04T10:00:01Z'),
    });
    return { sut, jobs, notices, receipts, signed };
  }

  it('queues one gateway-signed job per authority and the DIFFUSION for INTERPOL, each with its relayed receipt', async () => {
    const { sut, jobs, notices, receipts, signed } = harness();
    const bytes = Buffer.from(JSON.stringify(request));

    const dispatched = await sut.dispatch(request, bytes, [
      { kind: 'authority', authorityId: 'NE-CA', rule: 'judicial.addressee' },
      { kind: 'authority', authorityId: 'PCJS-SEC', rule: 'judicial.secretariat-copy' },
      { kind: 'interpol', rule: 'judicial.interpol-channel' },
    ]);

    expect(dispatched.map((d) => [d.destination, d.outcome, d.receipt])).toEqual([
      ['NE-CA', 'queued', 'recorded'],
      ['PCJS-SEC', 'queued', 'recorded'],
      ['INTERPOL', 'queued', 'recorded'],
    ]);
    expect(
      jobs.map((job) => [job.authorityId, job.url, job.serverId, job.rule, job.body === bytes.toString()]),
    ).toEqual([
      ['NE-CA', `${DEFAULT.url}?to=NE-CA`, 'JUDICIAL-PEER', 'judicial.addressee', true],
      ['PCJS-SEC', `${DEFAULT.url}?to=PCJS-SEC`, 'JUDICIAL-PEER', 'judicial.secretariat-copy', true],
    ]);
    // The message's bytes are signed once for both authorities; the DIFFUSION is signed on its own.
    expect(signed).toEqual([bytes.toString(), notices[0].noticeXml]);
    expect(notices[0]).toMatchObject({ messageId: request.id, correlationId: payload.requestId });
    expect(receipts.map((r) => `${r.evidence}:${r.issuer}:${r.requestId}`)).toEqual([
      `relayed:NE-CA:${payload.requestId}`,
      `relayed:PCJS-SEC:${payload.requestId}`,
      `relayed:INTERPOL:${payload.requestId}`,
    ]);
  });

  it('leaves no receipt for a contact about no request', async () => {
    const { sut, jobs, receipts } = harness();
    const contact: JudicialContactMessage = {
      type: 'judicial.contact',
      id: '8d2e9f50-3b4c-4d5e-8f60-2b3c4d5e6f70',
      sentAt: '2026-12-04T10:00:00Z',
      from: 'GH-WACAP-PROS',
      payload: { to: 'ML-WACAP-PROS', subject: 'Sujet', text: 'Texte', language: 'fre' },
    };

    await sut.dispatch(contact, Buffer.from(JSON.stringify(contact)), [
      { kind: 'authority', authorityId: 'ML-WACAP-PROS', rule: 'judicial.addressee' },
    ]);

    expect(jobs.map((job) => [job.authorityId, job.correlationId])).toEqual([['ML-WACAP-PROS', undefined]]);
    expect(receipts).toEqual([]);
  });
});

describe(endpointOf.name, () => {
  it('pins an authority’s own endpoint to its own id, and the default endpoint to the shared system’s', () => {
    const shipped = readFileSync(join(ROOT, 'config', 'judicial-directory.yaml'), 'utf8');
    const { directory } = parseJudicialDirectory(
      shipped.replace(
        '  - id: SN-CA\n    state: SN\n',
        '  - id: SN-CA\n    state: SN\n    endpoint: https://sn.example.org/judicial\n',
      ),
      'directory.yaml',
    );
    if (!directory) throw new Error('the edited directory does not load');

    expect(endpointOf(directory, DEFAULT, 'SN-CA')).toEqual({
      url: 'https://sn.example.org/judicial',
      serverId: 'SN-CA',
    });
    expect(endpointOf(directory, DEFAULT, 'NE-CA')).toEqual({
      url: `${DEFAULT.url}?to=NE-CA`,
      serverId: 'JUDICIAL-PEER',
    });
    expect(endpointOf(directory, { url: DEFAULT.url }, 'NE-CA').serverId).toBe('NE-CA');
  });
});
