// The local judicial peer as the gateway meets it (issue 15): HTTPS with mutual TLS on its own
// certificate JUDICIAL-PEER; it takes only the gateway's client certificate and signature, keeps a
// message once by id, and refuses the rest with a code. No broker needed: the gateway's side of
// the exchange is played with the gateway's test credential.
import { readFileSync, readdirSync, rmSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedConfig } from '@pcms/config';
import {
  JUDICIAL_MESSAGES_PATH,
  JudicialPeerAttachments,
  judicialPeerAttachmentsOf,
  judicialPeerInboxOf,
  requestMessage,
  statusMessage,
  type JudicialMessage,
  type JudicialRequest,
} from '@pcms/judicial';
import { fetchDigest, SignedHttpHeader } from '@pcms/signed-http';
import { CmsSigner, type Credential } from '@pcms/trust';
import { writeTestPki, type TestPki } from '@pcms/trust/testing';
import { startJudicialPeer, type RunningJudicialPeer } from '../../apps/judicial-peer/src/judicial-peer.app';
import { harnessProfile, PROJECT_ROOT } from '../support/harness-config';
import { httpsCall, type HttpsAnswer } from '../support/https-request';

jest.setTimeout(60_000);

const REQUEST = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'libs/judicial/fixtures/requests/ok/mla-mali-to-niger.json'), 'utf8'),
) as JudicialRequest;

describe('judicial peer', () => {
  let dataDir: string;
  let pki: TestPki;
  let config: LoadedConfig;
  let peer: RunningJudicialPeer;
  let inboxDir: string;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pcms-judicial-peer-'));
    pki = writeTestPki(join(dataDir, 'pki'), { parties: ['JUDICIAL-PEER'] }).pki;
    config = harnessProfile({
      dataDir,
      logLevel: 'warn',
      judicialPeer: { http: { host: '127.0.0.1', port: 0 }, autoReceive: false },
    });
    inboxDir = judicialPeerInboxOf(config);
    peer = await startJudicialPeer(config);
  });

  afterAll(async () => {
    await peer?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Posts `message` over mutual TLS as `client`, signed by `signer` (the gateway unless a test says). */
  function deliver(
    message: JudicialMessage,
    options: { client?: Credential; signer?: Credential; body?: Buffer; to?: string } = {},
  ): Promise<HttpsAnswer> {
    const body = options.body ?? Buffer.from(JSON.stringify(message));
    const signed = options.body ? Buffer.from(JSON.stringify(message)) : body;
    return httpsCall({
      url: `${peer.url}${JUDICIAL_MESSAGES_PATH}${options.to ? `?to=${options.to}` : ''}`,
      method: 'POST',
      credential: options.client ?? pki.gateway,
      caPem: pki.ca.certificatePem,
      body,
      headers: {
        [SignedHttpHeader.SIGNATURE]: new CmsSigner(options.signer ?? pki.gateway)
          .sign(signed)
          .toString('base64'),
        [SignedHttpHeader.MESSAGE_ID]: message.id,
      },
    });
  }

  const held = () => readdirSync(inboxDir).filter((file) => file.endsWith('.json'));

  it('keeps a gateway-signed delivery once: 202 registered, then 200 duplicate, one file, two receipts', async () => {
    const message = requestMessage(REQUEST);

    const first = await deliver(message, { to: 'NE-CA' });
    const again = await deliver(message, { to: 'PCJS-SEC' });

    expect(first).toEqual({ status: 202, json: { registered: true, messageId: message.id } });
    expect(again).toEqual({
      status: 200,
      json: { registered: true, duplicate: true, messageId: message.id },
    });
    expect(held()).toEqual([`${message.id}.json`]);
    expect(readFileSync(join(inboxDir, `${message.id}.json`), 'utf8')).toBe(JSON.stringify(message));
    const receipts = (await peer.inbox.receipts()).filter((receipt) => receipt.messageId === message.id);
    expect(receipts.map(({ stored, to }) => ({ stored, to }))).toEqual([
      { stored: 'new', to: 'NE-CA' },
      { stored: 'duplicate', to: 'PCJS-SEC' },
    ]);
  });

  it.each([
    ['a platform', () => pki.platforms['NP-ML']],
    ['an authority', () => pki.authority('NE-CA')],
    ['the I-24/7 peer', () => pki.peer],
  ])('refuses %s as TLS client: 403 JUDICIAL_PEER_CLIENT_NOT_GATEWAY, nothing kept', async (_who, client) => {
    const before = held();
    const message = statusMessage({ requestId: REQUEST.requestId, status: 'RECEIVED', authority: 'NE-CA' });

    const answer = await deliver(message, { client: client(), signer: client() });

    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ code: 'JUDICIAL_PEER_CLIENT_NOT_GATEWAY' });
    expect(held()).toEqual(before);
  });

  it('refuses a client certificate of another CA in the TLS handshake', async () => {
    const before = held();
    const foreign = pki.wrongIssuer;

    const outcome = await deliver(requestMessage(REQUEST), { client: foreign }).then(
      (answer) => answer,
      (error: NodeJS.ErrnoException) => error,
    );

    // No HTTP answer at all: the server's TLS alert (unknown CA) ends the connection.
    expect(outcome).not.toHaveProperty('status');
    expect((outcome as NodeJS.ErrnoException).code).toMatch(
      /^(ECONNRESET|EPIPE|ERR_SSL_TLSV1_ALERT_UNKNOWN_CA)$/,
    );
    expect(held()).toEqual(before);
  });

  it('refuses what the gateway did not sign, and bytes changed after its signature, with their codes', async () => {
    const before = held();
    const message = statusMessage({ requestId: REQUEST.requestId, status: 'RECEIVED', authority: 'NE-CA' });

    const signedByAuthority = await deliver(message, { signer: pki.authority('NE-CA') });
    const tampered = await deliver(message, {
      body: Buffer.from(JSON.stringify({ ...message, from: 'SN-CA' })),
    });

    expect(signedByAuthority).toMatchObject({ status: 403, json: { code: 'SIGNER_MISMATCH' } });
    expect(tampered).toMatchObject({ status: 400, json: { code: 'SIGNATURE_INVALID' } });
    expect(held()).toEqual(before);
  });

  it('refuses a gateway-signed document that is not a judicial message', async () => {
    const notAMessage = { ...statusMessage({ requestId: 'x', status: 'RECEIVED', authority: 'NE-CA' }) };

    const answer = await deliver(notAMessage);

    expect(answer.status).toBe(422);
    expect(answer.json).toMatchObject({
      code: 'JUDICIAL_STATUS_INVALID',
      reason: expect.stringContaining('requestId'),
    });
  });

  it('serves the files put as an authority’s system to the gateway (digest as the door computes it), to no one else', async () => {
    const source = join(dataDir, 'commission-rogatoire.txt');
    const text = 'ordonnance de commission rogatoire internationale';
    writeFileSync(source, text);
    const put = new JudicialPeerAttachments(judicialPeerAttachmentsOf(config)).put('ML-CA', source, peer.url);
    const fetchAs = (client: Credential) =>
      fetchDigest({
        url: put.uri,
        tls: { ...client, caPem: pki.ca.certificatePem, expectedServerId: 'JUDICIAL-PEER' },
        timeoutMs: 5000,
        maxBytes: 1024,
      });

    await expect(fetchAs(pki.gateway)).resolves.toEqual({
      sha256: put.sha256,
      bytes: Buffer.byteLength(text),
    });
    await expect(fetchAs(pki.platforms['NP-ML'])).rejects.toMatchObject({
      code: 'HTTP_REJECTED',
      status: 403,
    });
    await expect(
      fetchDigest({
        url: `${peer.url}/judicial/attachments/ML-CA/absent.txt`,
        tls: { ...pki.gateway, caPem: pki.ca.certificatePem, expectedServerId: 'JUDICIAL-PEER' },
        timeoutMs: 5000,
        maxBytes: 1024,
      }),
    ).rejects.toMatchObject({ status: 404 });
  });
});
