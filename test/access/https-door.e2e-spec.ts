// The platforms' HTTPS door on the real broker, with real client certificates from the test PKI:
// the certificate decides who speaks, a platform submits only as itself and reads only its queue.
import { canonicalBytes, type PcmsEnvelope } from '@pcms/envelope';
import { CmsSigner, SignatureVerifier, type Credential } from '@pcms/trust';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness } from '../support/gateway.harness';
import { httpsCall, type HttpsAnswer } from '../support/https-request';
import { opensslCrl } from '../revocation/openssl-crl.fixture';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

jest.setTimeout(90_000);

/** The handshake is refused: a TLS alert, or the server closing before answering (no HTTP status). */
const TLS_REFUSAL = expect.stringMatching(/^(ERR_SSL_|ECONNRESET$|EPIPE$)/) as unknown as string;

interface ReadMessage {
  messageId?: string;
  envelope: PcmsEnvelope;
  body: string;
  signature: string;
}

describe('pcms-adapter HTTPS door (mutual TLS)', () => {
  let gateway: GatewayHarness;
  let url: string;
  let verifier: SignatureVerifier;

  beforeAll(async () => {
    gateway = await GatewayHarness.create(__filename);
    await gateway.startAll();
    url = gateway.appUrl('pcms-adapter');
    verifier = new SignatureVerifier({ trustAnchorsPem: [gateway.pki.ca.certificatePem] });
  });

  afterAll(() => gateway.stop());

  const submit = (
    client: Credential | undefined,
    envelope: PcmsEnvelope,
    /** Who signs; null sends no signature. */
    signer: Credential | null = client ?? null,
  ): Promise<HttpsAnswer> => {
    const body = canonicalBytes(envelope);
    const signature = signer ? new CmsSigner(signer).sign(body).toString('base64') : '';
    return httpsCall({
      url: `${url}/submissions`,
      method: 'POST',
      credential: client,
      caPem: gateway.pki.ca.certificatePem,
      body,
      headers: { 'x-pcms-signature': signature },
    });
  };

  const read = async (client: Credential, query = ''): Promise<ReadMessage[]> => {
    const answer = await httpsCall({
      url: `${url}/messages${query}`,
      credential: client,
      caPem: gateway.pki.ca.certificatePem,
    });
    expect(answer.status).toBe(200);
    return (answer.json as { messages: ReadMessage[] }).messages;
  };

  /** A gateway-signed message put straight into a platform's queue, as the deliveries do. */
  const deliverTo = async (platform: 'NP-ML' | 'NP-BF', envelope: PcmsEnvelope): Promise<void> => {
    const body = canonicalBytes(envelope);
    await gateway.amqp.publish(gateway.topology.routes.platform(platform), body, {
      messageId: envelope.id,
      headers: { 'pcms-signature': new CmsSigner(gateway.pki.gateway).sign(body).toString('base64') },
    });
  };

  it('takes NP-ML’s submission to the peer, and RP reads its copy with a verifiable gateway signature', async () => {
    const message = personWanted({ recipients: ['INTERPOL', 'RP'] });

    const answer = await submit(gateway.pki.platforms['NP-ML'], message);

    expect(answer).toEqual({ status: 202, json: { messageId: message.id } });
    await expectEventually(
      async () =>
        expect((await gateway.inbox.receipts()).filter((r) => r.messageId === message.id)).toHaveLength(1),
      { timeoutMs: 30_000 },
    );
    const received: ReadMessage[] = [];
    const mine = await expectEventually(
      async () => {
        received.push(...(await read(gateway.pki.platforms.RP, '?max=50')));
        const found = received.find((m) => m.envelope.id === message.id);
        expect(found).toBeDefined();
        return found as ReadMessage;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    const body = Buffer.from(mine.body, 'base64');
    const signature = verifier.verify(body, Buffer.from(mine.signature, 'base64'), {
      expectedSigner: 'GATEWAY',
    });
    expect(signature.signerId).toBe('GATEWAY');
    expect(body).toEqual(canonicalBytes(message));
    // Read means acknowledged: the next read does not return it again.
    expect((await read(gateway.pki.platforms.RP)).map((m) => m.envelope.id)).not.toContain(message.id);
  });

  it('refuses NP-BF submitting an envelope whose sender is NP-ML with 403, and quarantines it', async () => {
    const message = personWanted();

    const answer = await submit(gateway.pki.platforms['NP-BF'], message, gateway.pki.platforms['NP-ML']);

    expect(answer.status).toBe(403);
    expect(answer.json).toEqual({ code: 'CLIENT_NOT_SENDER', reason: expect.stringContaining('NP-BF') });
    await expectEventually(
      async () => {
        const letters = await gateway.stats.peekDeadLetters(100);
        expect(letters.find((l) => l.messageId === message.id)).toMatchObject({
          code: 'CLIENT_NOT_SENDER',
          stage: 'identity',
        });
      },
      { timeoutMs: 20_000, intervalMs: 200 },
    );
  });

  it('refuses a stripped signature with 400 and the trust code', async () => {
    const message = personWanted();

    const answer = await submit(gateway.pki.platforms['NP-ML'], message, null);

    expect(answer).toEqual({ status: 400, json: { code: 'SIGNATURE_MISSING', reason: expect.any(String) } });
  });

  it('refuses a certificate that is not a platform’s with 403', async () => {
    const answer = await submit(gateway.pki.peer, personWanted());

    expect(answer.status).toBe(403);
    expect(answer.json).toMatchObject({ code: 'CLIENT_NOT_PLATFORM' });
  });

  it('answers an oversize body with 413 and a code', async () => {
    const answer = await httpsCall({
      url: `${url}/submissions`,
      method: 'POST',
      credential: gateway.pki.platforms['NP-ML'],
      caPem: gateway.pki.ca.certificatePem,
      body: Buffer.alloc(gateway.config.limits.maxMessageBytes + 1, 0x20),
    });

    expect(answer.status).toBe(413);
    expect(answer.json).toMatchObject({ code: 'SUBMISSION_TOO_LARGE' });
  });

  it('never gives NP-BF the messages of NP-ML’s queue, whatever it asks', async () => {
    const forMali = personWanted();
    const forBurkina = personWanted({ sender: 'NP-BF' });
    await deliverTo('NP-ML', forMali);
    await deliverTo('NP-BF', forBurkina);

    const burkina = await read(
      gateway.pki.platforms['NP-BF'],
      '?max=100&queue=platform.NP-ML&platform=NP-ML',
    );

    expect(burkina.map((m) => m.envelope.id)).toEqual([forBurkina.id]);
    expect((await read(gateway.pki.platforms['NP-ML'], '?max=100')).map((m) => m.envelope.id)).toContain(
      forMali.id,
    );
  });

  it('refuses a max outside 1..100 with 422 and a code', async () => {
    const answer = await httpsCall({
      url: `${url}/messages?max=1000`,
      credential: gateway.pki.platforms['NP-ML'],
      caPem: gateway.pki.ca.certificatePem,
    });

    expect(answer).toEqual({ status: 422, json: { code: 'MAX_INVALID', reason: expect.any(String) } });
  });

  it('refuses a platform whose certificate was revoked after it connected, even to read its own queue', async () => {
    const mauritania = gateway.pki.platforms['NP-MR'];
    expect(await read(mauritania)).toEqual([]);

    writeFileSync(
      join(gateway.config.paths.pki, 'crl.pem'),
      opensslCrl(gateway.pki.ca, [mauritania.serialNumber]),
    );

    // The TLS handshake still succeeds (the chain is valid); the door consults the revocation list.
    const answer = await expectEventually(
      async () => {
        const refused = await httpsCall({
          url: `${url}/messages`,
          credential: mauritania,
          caPem: gateway.pki.ca.certificatePem,
        });
        expect(refused.status).toBe(403);
        return refused;
      },
      { timeoutMs: 20_000 },
    );
    expect(answer.json).toMatchObject({ code: 'CERTIFICATE_REVOKED' });
    // Everyone else keeps reading (read() asserts the 200).
    await read(gateway.pki.platforms['NP-ML']);
  });

  it('does not let a client without a certificate connect', async () => {
    await expect(submit(undefined, personWanted())).rejects.toMatchObject({ code: TLS_REFUSAL });
  });

  it('does not let a certificate from a foreign CA connect', async () => {
    await expect(read(gateway.pki.wrongIssuer)).rejects.toMatchObject({ code: TLS_REFUSAL });
  });
});
