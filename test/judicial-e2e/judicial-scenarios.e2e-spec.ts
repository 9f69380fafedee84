// Issue 15's end-to-end scenarios on a running gateway: the judicial adapter (door, routing,
// delivery, the reminders' clock), the local judicial peer standing in for every authority's system,
// and, for the RED notice the extradition follows, the platforms' door, the router, the I-24/7
// adapter and peer. Each authority's system sends as it would (sendAsAuthority: its own certificate
// and signature); what the focal point reads is read with the CLI (`pcms judicial show`, `stats`,
// `search`, `trace`).
import type { JournalTraceEntry } from '@pcms/journal';
import {
  contactMessage,
  requestMessage,
  statusMessage,
  type JudicialMessage,
  type JudicialRequest,
  type JudicialState,
  type NoticeStanding,
  type RefusalGrounds,
  type StoredJudicialRequest,
} from '@pcms/judicial';
import { PkiStore } from '@pcms/trust';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startJudicialPeer, type RunningJudicialPeer } from '../../apps/judicial-peer/src/judicial-peer.app';
import { deadPort } from '../judicial-routing/authority-system.stand-in';
import { runCli } from '../support/cli-runner';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { PROJECT_ROOT } from '../support/harness-config';
import { JudicialGateway } from '../support/judicial-gateway';

jest.setTimeout(180_000);

const REQUESTS = join(PROJECT_ROOT, 'libs/judicial/fixtures/requests/ok');

function request(file: string, changes: Partial<JudicialRequest> = {}): JudicialRequest {
  const fixture = JSON.parse(readFileSync(join(REQUESTS, file), 'utf8')) as JudicialRequest;
  return { ...fixture, requestId: randomUUID(), ...changes };
}

type Step = [to: JudicialState, authority: string, extra?: { reason?: string; grounds?: RefusalGrounds }];

describe('judicial scenarios on a running gateway', () => {
  let gateway: JudicialGateway;
  let peer: RunningJudicialPeer;

  beforeAll(async () => {
    // The peer's port goes into the adapter's configuration: every authority is played by it.
    const peerPort = await deadPort();
    gateway = await JudicialGateway.start(__filename, (config) => ({
      ...config,
      judicialAdapter: {
        ...config.judicialAdapter,
        defaultEndpoint: `https://127.0.0.1:${peerPort}/judicial/messages`,
        defaultEndpointId: 'JUDICIAL-PEER',
      },
    }));
    // The peer serves with its own certificate, from the harness's test CA.
    PkiStore.open(gateway.config.paths.pki).write(
      'JUDICIAL-PEER',
      gateway.harness.pki.credential('JUDICIAL-PEER'),
    );
    peer = await startJudicialPeer({
      ...gateway.config,
      judicialPeer: { ...gateway.config.judicialPeer, http: { host: '127.0.0.1', port: peerPort } },
    });
    // The RED notice an extradition follows: a platform's request mapped and delivered to the I-24/7 peer.
    await gateway.harness.startPeer();
    for (const app of ['pcms-adapter', 'router', 'i247-adapter'] as const) {
      await gateway.harness.startInstance(app, 1);
    }
  });

  afterAll(async () => {
    await peer?.close();
    await gateway?.stop();
  });

  const cli = (...args: string[]) => runCli(gateway.config, ...args);

  async function send(message: JudicialMessage): Promise<void> {
    const answer = await gateway.send(message);
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 202,
      body: { messageId: message.id, receipt: 'accepted' },
    });
  }

  /** Each step a status sent by its authority's system, accepted, then delivered to the peer. */
  async function walk(requestId: string, steps: readonly Step[]): Promise<string[]> {
    const ids: string[] = [];
    for (const [status, authority, extra] of steps) {
      const message = statusMessage({ requestId, status, authority, ...extra });
      await send(message);
      ids.push(message.id);
    }
    await expectEventually(
      async () => {
        const received = new Set((await peer.inbox.list()).map((m) => m.messageId));
        expect(ids.filter((id) => !received.has(id))).toEqual([]);
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    return ids;
  }

  async function stored(requestId: string): Promise<StoredJudicialRequest> {
    const found = await (await gateway.store()).find(requestId);
    if (!found) throw new Error(`request ${requestId} is not stored`);
    return found;
  }

  async function traceUntil(
    messageId: string,
    until: (entries: JournalTraceEntry[]) => void,
  ): Promise<JournalTraceEntry[]> {
    return expectEventually(
      async () => {
        const entries = await (await gateway.harness.journal()).trace(messageId);
        until(entries);
        return entries;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  }

  const evidence = (found: StoredJudicialRequest, messageId: string): string[] =>
    found.receipts
      .filter((receipt) => receipt.messageId === messageId)
      .map((receipt) => `${receipt.evidence}:${receipt.issuer}`);

  it('an MLA request from Mali to Niger, through every state to CLOSED', async () => {
    const mla = requestMessage(request('mla-mali-to-niger.json'));
    const { requestId } = mla.payload;

    await send(mla);
    const statuses = await walk(requestId, [
      ['RECEIVED', 'NE-CA'],
      ['ACKNOWLEDGED', 'NE-CA'],
      ['UNDER_REVIEW', 'NE-CA'],
      ['INFO_REQUESTED', 'NE-CA', { reason: 'the account numbers, please' }],
      ['UNDER_REVIEW', 'ML-CA', { reason: 'account numbers sent' }],
      ['ACCEPTED', 'NE-CA'],
      ['IN_EXECUTION', 'NE-CA'],
      ['PARTIALLY_EXECUTED', 'NE-CA', { reason: 'bank records seized; the hearing is pending' }],
      ['EXECUTED', 'NE-CA'],
      ['CLOSED', 'ML-CA'],
    ]);

    const closed = await stored(requestId);
    expect(closed.state).toBe('CLOSED');
    expect(closed.history.map((move) => `${move.to} ${move.authority}`)).toEqual([
      'SUBMITTED ML-CA',
      'RECEIVED NE-CA',
      'ACKNOWLEDGED NE-CA',
      'UNDER_REVIEW NE-CA',
      'INFO_REQUESTED NE-CA',
      'UNDER_REVIEW ML-CA',
      'ACCEPTED NE-CA',
      'IN_EXECUTION NE-CA',
      'PARTIALLY_EXECUTED NE-CA',
      'EXECUTED NE-CA',
      'CLOSED ML-CA',
    ]);
    // Receipts apart from the state: the request reached Niger and the secretariat.
    await expectEventually(async () =>
      expect(evidence(await stored(requestId), mla.id)).toEqual(
        expect.arrayContaining(['accepted:GATEWAY', 'retrieved:NE-CA', 'retrieved:PCJS-SEC']),
      ),
    );
    // Niger's last move reached Mali.
    await expectEventually(async () =>
      expect(evidence(await stored(requestId), statuses[8])).toContain('retrieved:ML-CA'),
    );
    const shown = await cli('judicial', 'show', requestId);
    expect(shown.output).toContain(`Request ${requestId}: mla, urgent, now CLOSED`);
    expect(shown.output).toContain('History (11 moves)');
    expect(shown.output).toContain('      bank records seized; the hearing is pending');
    // The request's whole life by its correlation: the request and its ten statuses.
    const search = await cli('search', '--correlation', requestId, '--json');
    const found = (JSON.parse(search.output) as { messageId: string }[]).map((hit) => hit.messageId);
    expect(found).toEqual(expect.arrayContaining([mla.id, ...statuses]));
    // And by sender, as any message: the authority that sent it.
    const bySender = await cli('search', '--sender', 'ML-CA', '--type', 'judicial.request', '--json');
    expect((JSON.parse(bySender.output) as { messageId: string }[]).map((hit) => hit.messageId)).toContain(
      mla.id,
    );
  });

  it('an extradition request from Mali to Senegal linked to a RED notice, through provisional arrest to surrender', async () => {
    // Mali's platform asks for the RED notice; the gateway delivers it to INTERPOL (notice id = message id).
    const wanted = personWanted();
    await gateway.harness.platform('NP-ML').submit(wanted);
    await traceUntil(wanted.id, (entries) =>
      expect(entries.some((e) => e.stage === 'delivered' && e.details.destination === 'I-24/7')).toBe(true),
    );
    const extradition = request('extradition-mali-to-senegal.json');
    extradition.persons = [{ ...extradition.persons[0], interpolNoticeId: wanted.id }];
    const { requestId } = extradition;

    await send(requestMessage(extradition));
    await walk(requestId, [
      ['RECEIVED', 'SN-CA'],
      ['ACKNOWLEDGED', 'SN-CA'],
      ['UNDER_REVIEW', 'SN-CA'],
      ['ACCEPTED', 'SN-CA'],
      ['PROVISIONAL_ARREST', 'SN-CA'],
      ['PERSON_ARRESTED', 'SN-CA', { reason: 'arrested in Dakar' }],
      ['GRANTED', 'SN-CA'],
      ['SURRENDERED', 'SN-CA'],
      ['CLOSED', 'ML-CA'],
    ]);

    expect((await stored(requestId)).noticeLinks).toEqual([
      expect.objectContaining({ noticeId: wanted.id, role: 'sought' }),
    ]);
    // The notice's trace shows the request: linked, its subject arrested, then surrendered.
    const trace = await traceUntil(wanted.id, (entries) =>
      expect(entries.filter((e) => e.stage === 'judicial-linked')).toHaveLength(3),
    );
    expect(
      trace.filter((e) => e.stage === 'judicial-linked').map((e) => [e.correlationId, e.details.event]),
    ).toEqual([
      [requestId, 'linked'],
      [requestId, 'subject-arrested'],
      [requestId, 'subject-surrendered'],
    ]);
    // The request shows the notice: issued to INTERPOL, its subject arrested and surrendered.
    const shown = await cli('judicial', 'show', requestId, '--json');
    const { notices } = JSON.parse(shown.output) as { notices: NoticeStanding[] };
    expect(notices).toEqual([
      expect.objectContaining({
        noticeId: wanted.id,
        status: 'issued',
        sender: 'NP-ML',
        type: 'person.wanted',
        arrested: expect.objectContaining({ state: 'PERSON_ARRESTED', authority: 'SN-CA' }),
        surrendered: expect.objectContaining({ state: 'SURRENDERED', authority: 'SN-CA' }),
      }),
    ]);
    const text = await cli('judicial', 'show', requestId);
    expect(text.output).toMatch(/issued: delivered to INTERPOL by the gateway/);
    expect(text.output).toMatch(/SUBJECT ARRESTED \/ PERSONNE ARRÊTÉE .*: PERSON_ARRESTED by\/par SN-CA/);
    // And a search by the request's correlation finds the notice.
    const search = await cli('search', '--correlation', requestId, '--json');
    expect((JSON.parse(search.output) as { messageId: string }[]).map((hit) => hit.messageId)).toContain(
      wanted.id,
    );
  });

  it('a refusal with grounds, delivered to the requester and counted by ground', async () => {
    const mla = requestMessage(request('mla-mali-to-niger.json'));
    const { requestId } = mla.payload;
    const grounds: RefusalGrounds = {
      ground: 'dual-criminality',
      text: 'the facts are not an offence under the law of Niger',
    };

    await send(mla);
    const [, , , refusal] = await walk(requestId, [
      ['RECEIVED', 'NE-CA'],
      ['ACKNOWLEDGED', 'NE-CA'],
      ['UNDER_REVIEW', 'NE-CA'],
      ['REFUSED', 'NE-CA', { reason: 'refused', grounds }],
    ]);

    const refused = await stored(requestId);
    expect(refused.state).toBe('REFUSED');
    expect(refused.history.at(-1)).toMatchObject({ to: 'REFUSED', party: 'requested', grounds });
    await expectEventually(async () =>
      expect(evidence(await stored(requestId), refusal)).toContain('retrieved:ML-CA'),
    );
    expect((await cli('judicial', 'show', requestId)).output).toContain(
      `grounds/motifs: dual-criminality: ${grounds.text}`,
    );
    const csv = (await cli('judicial', 'stats', '--csv')).output.split('\r\n');
    const header = csv[0].split(',');
    const mliNer = csv.find((line) => line.startsWith('ML,NE,'))?.split(',') ?? [];
    expect(Number(mliNer[header.indexOf('refusals.dual-criminality')])).toBeGreaterThanOrEqual(1);
  });

  it('an information request answered: back to review, then accepted; each side got the other’s move', async () => {
    const mla = requestMessage(request('mla-mali-to-niger.json'));
    const { requestId } = mla.payload;

    await send(mla);
    const [, , , asked, answered] = await walk(requestId, [
      ['RECEIVED', 'NE-CA'],
      ['ACKNOWLEDGED', 'NE-CA'],
      ['UNDER_REVIEW', 'NE-CA'],
      ['INFO_REQUESTED', 'NE-CA', { reason: 'which accounts?' }],
      ['UNDER_REVIEW', 'ML-CA', { reason: 'accounts listed in the supplementary note' }],
      ['ACCEPTED', 'NE-CA'],
    ]);

    expect((await stored(requestId)).state).toBe('ACCEPTED');
    await expectEventually(async () => {
      const found = await stored(requestId);
      expect(evidence(found, asked)).toContain('retrieved:ML-CA');
      expect(evidence(found, answered)).toContain('retrieved:NE-CA');
    });
  });

  it('a WACAP contact from Ghana’s focal point to Mali’s', async () => {
    const contact = contactMessage({
      from: 'GH-WACAP-PROS',
      to: 'ML-WACAP-PROS',
      subject: 'Suspect seen in Kumasi',
      text: 'Before a formal request: can you confirm the warrant is still in force?',
      language: 'eng',
    });

    await send(contact);

    await expectEventually(async () =>
      expect((await peer.inbox.list()).find((m) => m.messageId === contact.id)).toMatchObject({
        type: 'judicial.contact',
        from: 'GH-WACAP-PROS',
      }),
    );
    const trace = await traceUntil(contact.id, (entries) =>
      expect(entries.some((e) => e.stage === 'delivered')).toBe(true),
    );
    expect(trace.find((e) => e.stage === 'routed')?.details).toMatchObject({
      destinations: expect.arrayContaining(['ML-WACAP-PROS']),
    });
  });

  it('the same request sent twice is stored once, and delivered once to each destination', async () => {
    const mla = requestMessage(request('mla-mali-to-niger.json'));

    await send(mla);
    const again = await gateway.send(mla);
    // Barrier: a later message about the same request, delivered after anything the copy could cause.
    await walk(mla.payload.requestId, [['RECEIVED', 'NE-CA']]);

    expect({ status: again.status, body: again.body }).toEqual({
      status: 200,
      body: { duplicate: true, messageId: mla.id },
    });
    const store = await gateway.store();
    expect((await store.list()).filter((r) => r.requestId === mla.payload.requestId)).toHaveLength(1);
    // SUBMITTED once (then the barrier's RECEIVED).
    expect((await stored(mla.payload.requestId)).history.map((move) => move.to)).toEqual([
      'SUBMITTED',
      'RECEIVED',
    ]);
    await traceUntil(mla.id, (entries) =>
      expect(entries.filter((e) => e.stage === 'deduplicated')).toHaveLength(1),
    );
    // Every copy the peer was handed: one to Niger, one to the secretariat.
    const deliveries = (await peer.inbox.receipts()).filter((receipt) => receipt.messageId === mla.id);
    expect(deliveries).toHaveLength(2);
  });
});
