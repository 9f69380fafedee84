import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CmsSigner, SignatureVerifier } from '@pcms/trust';
import { createTestPki, type TestPki } from '@pcms/trust/testing';
import type { JudicialRequest } from '../request/judicial-request.dto';
import { contactMessage, requestMessage, statusMessage } from '../sending/judicial-message.builders';
import type { JudicialMessage } from '../wire/judicial-message';
import { JudicialPeerInbox, type JudicialPeerDelivery } from './judicial-peer.inbox';

const REQUEST = JSON.parse(
  readFileSync(join(__dirname, '../../fixtures/requests/ok/mla-mali-to-niger.json'), 'utf8'),
) as JudicialRequest;
const GATEWAY = { id: 'GATEWAY', role: 'gateway' as const };

describe(JudicialPeerInbox.name, () => {
  let pki: TestPki;
  let dir: string;
  let sut: JudicialPeerInbox;

  const delivery = (message: JudicialMessage, overrides: Partial<JudicialPeerDelivery> = {}) => {
    const body = Buffer.from(JSON.stringify(message));
    return {
      body,
      signatureB64: new CmsSigner(pki.gateway).sign(body).toString('base64'),
      messageIdHeader: message.id,
      client: GATEWAY,
      ...overrides,
    };
  };

  beforeAll(() => {
    pki = createTestPki();
  });

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pcms-judicial-peer-'));
    sut = new JudicialPeerInbox(
      join(dir, 'inbox'),
      new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem] }),
      { maxJsonDepth: 32 },
    );
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('stores a gateway-signed message once: the bytes and the signature, one receipt per delivery', async () => {
    const message = requestMessage(REQUEST);
    const first = await sut.accept(delivery(message));
    const again = await sut.accept(delivery(message));

    expect(first).toMatchObject({ ok: true, stored: 'new', message: { id: message.id } });
    expect(again).toMatchObject({ ok: true, stored: 'duplicate' });
    expect(readdirSync(join(dir, 'inbox')).sort()).toEqual(
      [`${message.id}.json`, `${message.id}.p7s`, 'receipts.log'].sort(),
    );
    expect(readFileSync(join(dir, 'inbox', `${message.id}.json`))).toEqual(delivery(message).body);
    expect((await sut.receipts()).map((receipt) => receipt.stored)).toEqual(['new', 'duplicate']);
  });

  it('stores two copies arriving at once once', async () => {
    const message = requestMessage(REQUEST);

    const outcomes = await Promise.all([sut.accept(delivery(message)), sut.accept(delivery(message))]);

    expect(outcomes.map((outcome) => (outcome.ok ? outcome.stored : outcome.code)).sort()).toEqual([
      'duplicate',
      'new',
    ]);
    expect(await sut.list()).toHaveLength(1);
  });

  it.each([
    [
      'a platform as TLS client',
      { client: { id: 'NP-ML', role: 'platform' as const } },
      403,
      'JUDICIAL_PEER_CLIENT_NOT_GATEWAY',
    ],
    [
      'an authority as TLS client',
      { client: { id: 'NE-CA', role: 'authority' as const } },
      403,
      'JUDICIAL_PEER_CLIENT_NOT_GATEWAY',
    ],
    ['no signature', { signatureB64: undefined }, 400, 'SIGNATURE_MISSING'],
    [
      'another id in the header',
      { messageIdHeader: 'b1e2c3d4-0000-4000-8000-000000000000' },
      400,
      'JUDICIAL_MESSAGE_ID_MISMATCH',
    ],
    ['an empty body', { body: Buffer.alloc(0) }, 400, 'JUDICIAL_PEER_BODY_EMPTY'],
  ])('refuses %s with a code, storing nothing', async (_case, overrides, status, code) => {
    const outcome = await sut.accept(delivery(requestMessage(REQUEST), overrides));

    expect(outcome).toMatchObject({ ok: false, status, code });
    expect(await sut.list()).toEqual([]);
  });

  it('refuses a message signed by an authority instead of the gateway, and bytes changed after signing', async () => {
    const message = statusMessage({ requestId: REQUEST.requestId, status: 'RECEIVED', authority: 'NE-CA' });
    const body = Buffer.from(JSON.stringify(message));
    const byAuthority = new CmsSigner(pki.authority('NE-CA')).sign(body).toString('base64');
    const signed = delivery(message);

    const wrongSigner = await sut.accept({ ...signed, signatureB64: byAuthority });
    const tampered = await sut.accept({
      ...signed,
      body: Buffer.from(JSON.stringify({ ...message, from: 'SN-CA' })),
    });

    expect(wrongSigner).toMatchObject({ ok: false, status: 403, code: 'SIGNER_MISMATCH' });
    expect(tampered).toMatchObject({ ok: false, status: 400, code: 'SIGNATURE_INVALID' });
    expect(await sut.list()).toEqual([]);
  });

  it('refuses a gateway-signed document that breaks the wire contract, and other bytes under a held id', async () => {
    const notAMessage = {
      type: 'judicial.status',
      id: 'NOT-A-UUID',
      from: 'NE-CA',
      payload: {},
    } as unknown as JudicialMessage;
    const message = contactMessage({ from: 'GH-WACAP-PROS', to: 'ML-WACAP-PROS', subject: 's', text: 't' });
    await sut.accept(delivery(message));
    const changed = { ...message, payload: { ...message.payload, text: 'other' } };

    const invalid = await sut.accept(delivery(notAMessage, { messageIdHeader: 'NOT-A-UUID' }));
    const conflict = await sut.accept(delivery(changed));

    expect(invalid).toMatchObject({ ok: false, status: 422, code: 'JUDICIAL_MESSAGE_INVALID' });
    expect(conflict).toMatchObject({ ok: false, status: 409, code: 'JUDICIAL_MESSAGE_CONFLICT' });
    expect((await sut.list()).map((received) => received.message.payload)).toEqual([message.payload]);
  });

  it('lists what concerns one authority: its requests, the statuses of its requests, its contacts', async () => {
    const request = requestMessage(REQUEST);
    const status = statusMessage({ requestId: REQUEST.requestId, status: 'RECEIVED', authority: 'NE-CA' });
    const contact = contactMessage({ from: 'GH-WACAP-PROS', to: 'ML-WACAP-PROS', subject: 's', text: 't' });
    for (const message of [request, status, contact]) await sut.accept(delivery(message));

    const ids = async (authority?: string) =>
      (await sut.list({ authority })).map((received) => received.messageId).sort();

    expect(await ids()).toEqual([request.id, status.id, contact.id].sort());
    expect(await ids('ML-CA')).toEqual([request.id, status.id].sort());
    expect(await ids('NE-CA')).toEqual([request.id, status.id].sort());
    expect(await ids('ML-WACAP-PROS')).toEqual([contact.id]);
    expect(await ids('SN-CA')).toEqual([]);
    expect(await ids('PCJS-SEC')).toEqual([]);
    await sut.accept(delivery(request, { to: 'PCJS-SEC' }));
    expect(await ids('PCJS-SEC')).toEqual([request.id]);
    expect((await sut.list({ authority: 'NE-CA' }))[0]).toMatchObject({
      type: expect.stringMatching(/^judicial\./),
      requestId: REQUEST.requestId,
    });
  });
});
