// Acting as authorities from the command line against the real judicial door, with the local
// judicial peer playing every authority's system behind the gateway (issue 15): `pcms judicial
// send` as Mali's central authority, the peer registers the delivery and answers RECEIVED as
// Niger's by itself (autoReceive), `judicial status` moves it on, a refusal prints its code and
// exits 1, a contact between focal points reaches the peer, `judicial inbox` lists what it holds.
import type { LoadedConfig } from '@pcms/config';
import type { JudicialRequest } from '@pcms/judicial';
import { PkiStore } from '@pcms/trust';
import { createHash, randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { startJudicialPeer, type RunningJudicialPeer } from '../../apps/judicial-peer/src/judicial-peer.app';
import { runCli } from '../support/cli-runner';
import { expectEventually } from '../support/expect-eventually';
import { PROJECT_ROOT } from '../support/harness-config';
import { JudicialGateway } from '../support/judicial-gateway';

jest.setTimeout(120_000);

const FIXTURE = join(PROJECT_ROOT, 'libs/judicial/fixtures/requests/ok/mla-mali-to-niger.json');
const ATTACHMENT = join(PROJECT_ROOT, 'libs/judicial/fixtures/attachments/commission-rogatoire.txt');
const REQUEST = JSON.parse(readFileSync(FIXTURE, 'utf8')) as JudicialRequest;
const AUTHORITIES = ['ML-CA', 'NE-CA', 'GH-WACAP-PROS', 'ML-WACAP-PROS'];

/** A port nobody listens on now: the door must know the peer's before either starts. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('pcms judicial send|status|contact|inbox with the judicial peer', () => {
  let gateway: JudicialGateway;
  let peer: RunningJudicialPeer;
  let cliConfig: LoadedConfig;

  beforeAll(async () => {
    const peerPort = await freePort();
    gateway = await JudicialGateway.start(__filename, (config) => ({
      ...config,
      judicialAdapter: {
        ...config.judicialAdapter,
        defaultEndpoint: `https://127.0.0.1:${peerPort}/judicial/messages`,
      },
    }));
    const { harness } = gateway;
    // The authorities' keys and the peer's certificate, in the PKI folder the CLI and the peer read.
    const store = PkiStore.open(harness.config.paths.pki);
    store.write('JUDICIAL-PEER', harness.pki.credential('JUDICIAL-PEER'));
    for (const id of AUTHORITIES) store.write(id, harness.pki.authority(id));
    const doorPort = Number(new URL(gateway.doorUrl).port);
    cliConfig = {
      ...harness.config,
      judicialAdapter: { ...harness.config.judicialAdapter, http: { host: '127.0.0.1', port: doorPort } },
      judicialPeer: {
        ...harness.config.judicialPeer,
        http: { host: '127.0.0.1', port: peerPort },
        gatewayUrl: gateway.doorUrl,
        autoReceive: true,
      },
    };
    peer = await startJudicialPeer(cliConfig);
  });

  afterAll(async () => {
    await peer?.close();
    await gateway?.stop();
  });

  const stateOf = async () => (await (await gateway.store()).find(REQUEST.requestId))?.state;

  it('sends a request as ML-CA; the peer registers it and answers RECEIVED as NE-CA by itself', async () => {
    const sent = await runCli(cliConfig, 'judicial', 'send', FIXTURE, '--as', 'ML-CA');

    expect(sent.errors).toBe('');
    expect(sent.exitCode).toBe(0);
    expect(sent.output).toMatch(
      /^Accepted [0-9a-f-]{36} \(judicial\.request\) from ML-CA, \d+ bytes signed as ML-CA: receipt accepted\./,
    );
    expect(sent.output).toContain('Accepté ');
    await expectEventually(async () => expect(await stateOf()).toBe('RECEIVED'), { timeoutMs: 30_000 });
    const moved = (await (await gateway.store()).find(REQUEST.requestId))?.history.at(-1);
    expect(moved).toMatchObject({ from: 'SUBMITTED', to: 'RECEIVED', authority: 'NE-CA' });
  });

  it('sends a request with --attach: the peer serves the file as ML-CA’s system, the door fetches it and finds its digest', async () => {
    const requestId = randomUUID();
    const file = join(gateway.config.paths.data, `request-${requestId}.json`);
    writeFileSync(file, JSON.stringify({ ...REQUEST, requestId }));

    const sent = await runCli(cliConfig, 'judicial', 'send', file, '--as', 'ML-CA', '--attach', ATTACHMENT);

    expect({ errors: sent.errors, exitCode: sent.exitCode }).toEqual({ errors: '', exitCode: 0 });
    expect(sent.output).toMatch(/^Accepted /);
    const stored = await (await gateway.store()).payload(requestId);
    expect(JSON.parse(String(stored)).attachments).toEqual([
      {
        uri: `https://127.0.0.1:${cliConfig.judicialPeer.http.port}/judicial/attachments/ML-CA/commission-rogatoire.txt`,
        sha256: createHash('sha256').update(readFileSync(ATTACHMENT)).digest('hex'),
        title: 'commission-rogatoire.txt',
      },
    ]);
  });

  it('moves it on as the requested authority, and refuses an illegal move with its code and exit 1', async () => {
    const acknowledged = await runCli(
      cliConfig,
      'judicial',
      'status',
      REQUEST.requestId,
      'ACKNOWLEDGED',
      '--as',
      'NE-CA',
      '--reason',
      'registered under NE/DACP/2026/77',
      '--json',
    );
    const illegal = await runCli(
      cliConfig,
      'judicial',
      'status',
      REQUEST.requestId,
      'CLOSED',
      '--as',
      'NE-CA',
    );

    expect(acknowledged.exitCode).toBe(0);
    expect(JSON.parse(acknowledged.output)).toMatchObject({
      status: 202,
      type: 'judicial.status',
      from: 'NE-CA',
    });
    expect(await stateOf()).toBe('ACKNOWLEDGED');
    expect(illegal.exitCode).toBe(1);
    expect(illegal.errors).toMatch(/^JUDICIAL_TRANSITION_ILLEGAL: /);
    expect(illegal.errors).toContain(' ne peut passer de ');
    expect(await stateOf()).toBe('ACKNOWLEDGED');
  });

  it('refuses, before sending, a key that is not an authority’s and an unknown state', async () => {
    const platform = await runCli(
      cliConfig,
      'judicial',
      'status',
      REQUEST.requestId,
      'ACCEPTED',
      '--as',
      'NP-ML',
    );
    const unknown = await runCli(cliConfig, 'judicial', 'status', REQUEST.requestId, 'DONE', '--as', 'NE-CA');
    const noKey = await runCli(cliConfig, 'judicial', 'send', FIXTURE, '--as', 'SN-CA');

    expect(platform).toMatchObject({
      exitCode: 1,
      errors: expect.stringMatching(/^AUTHORITY_KEY_MISSING: NP-ML .* a platform, not an authority/),
    });
    expect(unknown).toMatchObject({
      exitCode: 1,
      errors: expect.stringMatching(/^JUDICIAL_STATE_UNKNOWN: DONE is not a state/),
    });
    expect(noKey).toMatchObject({
      exitCode: 1,
      errors: expect.stringMatching(/^AUTHORITY_KEY_MISSING: No certificate for SN-CA/),
    });
    expect(await stateOf()).toBe('ACKNOWLEDGED');
  });

  it('delivers a WACAP contact from Ghana’s focal point to Mali’s, which the inbox lists for the addressee', async () => {
    const sent = await runCli(
      cliConfig,
      'judicial',
      'contact',
      '--as',
      'GH-WACAP-PROS',
      '--to',
      'ML-WACAP-PROS',
      '--subject',
      'Extradition: what Mali needs / ce qu’il faut au Mali',
      '--text',
      'Pouvez-vous confirmer les pièces exigées ?',
      '--json',
    );
    const { messageId } = JSON.parse(sent.output) as { messageId: string };

    expect(sent.exitCode).toBe(0);
    const listed = await expectEventually(
      async () => {
        const inbox = await runCli(cliConfig, 'judicial', 'inbox', '--authority', 'ML-WACAP-PROS', '--json');
        const { messages } = JSON.parse(inbox.output) as { messages: { messageId: string; type: string }[] };
        expect(messages.map((message) => message.messageId)).toContain(messageId);
        return messages;
      },
      { timeoutMs: 30_000 },
    );
    expect(listed.every((message) => message.type === 'judicial.contact')).toBe(true);
  });

  it('lists what the peer holds for Mali’s central authority: its request and the statuses on it', async () => {
    await expectEventually(
      async () => {
        const inbox = await runCli(cliConfig, 'judicial', 'inbox', '--authority', 'ML-CA');
        expect(inbox.output).toMatch(/judicial\.request +from ML-CA/);
        expect(inbox.output).toMatch(/judicial\.status +from NE-CA/);
        expect(inbox.output).toContain('concerning ML-CA');
      },
      { timeoutMs: 30_000 },
    );
  });
});
