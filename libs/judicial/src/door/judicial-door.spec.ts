import { issueCertificate, CmsSigner, SignatureVerifier, type Credential } from '@pcms/trust';
import { createTestPki } from '@pcms/trust/testing';
import { SignedHttpError, SignedHttpErrorCode } from '@pcms/signed-http';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadJudicialDirectory } from '../directory/directory.reader';
import type { JudicialDirectory } from '../directory/judicial-directory';
import { openJudicialStore } from '../store/judicial-store.factory';
import type { JudicialStore } from '../store/judicial-store.types';
import { JudicialDoor } from './judicial-door';
import type {
  AcceptedJudicialMessage,
  JudicialDoorEvent,
  JudicialDoorInput,
  JudicialDoorPorts,
  RefusedJudicialMessage,
} from './judicial-door.ports';

const ROOT = join(__dirname, '..', '..', '..', '..');
/** The origin that plays every authority without an endpoint of its own (the default endpoint's). */
const SYSTEMS = 'https://127.0.0.1:9445';
const ORDONNANCE = Buffer.from('ordonnance de commission rogatoire internationale');
const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const attachment = (uri: string, sha256 = sha256Of(ORDONNANCE)) => ({
  uri,
  sha256,
  title: 'ordonnance',
  mediaType: 'text/plain',
});

/** An error as ioredis or pg raise it when the service is away (isInfrastructureError: ECONNREFUSED). */
function outage(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:6379'), { code: 'ECONNREFUSED' });
}

/** Redis claims in memory, with DedupeStore's answers. */
class MemoryClaims {
  readonly marks = new Map<string, string>();
  releases = 0;

  claim(id: string, content: Buffer): Promise<'new' | 'duplicate' | 'in-progress' | 'conflict'> {
    const held = this.marks.get(id);
    const digest = content.toString('base64');
    if (held === undefined) {
      this.marks.set(id, `pending:${digest}`);
      return Promise.resolve('new');
    }
    const [state, heldDigest] = held.split(':');
    if (heldDigest !== digest) return Promise.resolve('conflict');
    return Promise.resolve(state === 'done' ? 'duplicate' : 'in-progress');
  }

  complete(id: string, content: Buffer): Promise<void> {
    this.marks.set(id, `done:${content.toString('base64')}`);
    return Promise.resolve();
  }

  release(id: string): Promise<void> {
    this.releases++;
    if (this.marks.get(id)?.startsWith('pending')) this.marks.delete(id);
    return Promise.resolve();
  }
}

describe(JudicialDoor.name, () => {
  const pki = createTestPki();
  const mali: Credential = issueCertificate({ issuer: pki.ca, subjectId: 'ML-CA', role: 'authority' });
  let directory: JudicialDirectory;
  let folder: string;
  let store: JudicialStore;
  let claims: MemoryClaims;
  let events: JudicialDoorEvent[];
  let relayed: AcceptedJudicialMessage[];
  let quarantined: RefusedJudicialMessage[];
  let calls: string[];
  let ports: JudicialDoorPorts;
  /** What Mali's system serves, by URL; fetches made, with the identity pinned. */
  let served: Map<string, Buffer | SignedHttpError>;
  let fetches: [string, string][];

  beforeAll(async () => {
    directory = await loadJudicialDirectory(join(ROOT, 'config', 'judicial-directory.yaml'));
  });

  beforeEach(async () => {
    folder = mkdtempSync(join(tmpdir(), 'judicial-door-'));
    store = await openJudicialStore({
      driver: 'sqlite',
      sqliteFile: join(folder, 'journal.sqlite'),
      payloadKey: randomBytes(32),
    });
    claims = new MemoryClaims();
    events = [];
    relayed = [];
    quarantined = [];
    calls = [];
    served = new Map();
    fetches = [];
    const recordReceipt = store.recordReceipt.bind(store);
    ports = {
      directory,
      verifier: new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem] }),
      store: {
        submit: store.submit.bind(store),
        move: store.move.bind(store),
        find: store.find.bind(store),
        recordReceipt: (receipt, now) => {
          calls.push(`receipt:${receipt.evidence}`);
          return recordReceipt(receipt, now);
        },
      },
      claims,
      journal: {
        emit: (stages) => {
          calls.push(`journal:${stages.map((s) => s.stage).join(',')}`);
          events.push(...stages);
          return Promise.resolve();
        },
      },
      relay: (accepted) => {
        calls.push('relay');
        relayed.push(accepted);
        return Promise.resolve();
      },
      quarantine: (refused) => {
        quarantined.push(refused);
        return Promise.resolve();
      },
      attachments: (url, serverId) => {
        fetches.push([url, serverId]);
        const file = served.get(url);
        if (file === undefined) return Promise.reject(new Error(`the test serves nothing at ${url}`));
        if (file instanceof SignedHttpError) return Promise.reject(file);
        return Promise.resolve({ sha256: sha256Of(file), bytes: file.length });
      },
    };
  });

  afterEach(async () => {
    await store.close();
    rmSync(folder, { recursive: true, force: true });
  });

  const sut = () =>
    new JudicialDoor(ports, {
      maxMessageBytes: 1024 * 1024,
      maxJsonDepth: 32,
      maxClockSkewSeconds: 300,
      issuer: 'GATEWAY',
      authoritySystems: { url: `${SYSTEMS}/judicial/messages`, serverId: 'JUDICIAL-PEER' },
    });

  /** An MLA request from Mali's central authority to Niger's, signed by Mali. */
  function requestFromMali(
    messageId: string = randomUUID(),
    attachments: object[] = [],
  ): {
    input: JudicialDoorInput;
    requestId: string;
    messageId: string;
  } {
    const fixture = join(ROOT, 'libs/judicial/fixtures/requests/ok/mla-mali-to-niger.json');
    const requestId = randomUUID();
    const payload = { ...(JSON.parse(readFileSync(fixture, 'utf8')) as object), requestId, attachments };
    const body = Buffer.from(
      JSON.stringify({
        type: 'judicial.request',
        id: messageId,
        sentAt: new Date().toISOString(),
        from: 'ML-CA',
        payload,
      }),
    );
    const input: JudicialDoorInput = {
      body,
      signature: new CmsSigner(mali).sign(body).toString('base64'),
      messageIdHeader: messageId,
      client: { id: 'ML-CA', role: 'authority', certificatePem: mali.certificatePem },
    };
    return { input, requestId, messageId };
  }

  it('stores and journals a request, then relays it, then records it accepted; the same bytes again are a duplicate', async () => {
    const { input, requestId, messageId } = requestFromMali();

    await expect(sut().receive(input)).resolves.toEqual({ outcome: 'accepted', messageId });
    await expect(sut().receive(input)).resolves.toEqual({ outcome: 'duplicate', messageId });

    expect(calls).toEqual([
      'journal:received,verified,stored',
      'relay',
      'receipt:accepted',
      'journal:deduplicated',
    ]);
    expect(relayed).toHaveLength(1);
    expect(relayed[0].bytes.equals(input.body)).toBe(true);
    expect(relayed[0].signature).toBe(input.signature);
    const stored = await store.find(requestId);
    expect(stored?.state).toBe('SUBMITTED');
    expect(stored?.receipts.map((r) => [r.messageId, r.evidence, r.issuer])).toEqual([
      [messageId, 'accepted', 'GATEWAY'],
    ]);
    expect(events.every((e) => e.messageId === messageId && e.correlationId === requestId)).toBe(true);
  });

  it('throws an outage of the store on untouched: nothing quarantined, nothing relayed, the claim released', async () => {
    const { input } = requestFromMali();
    ports = { ...ports, store: { ...ports.store, submit: () => Promise.reject(outage()) } };

    await expect(sut().receive(input)).rejects.toMatchObject({ code: 'ECONNREFUSED' });

    expect(quarantined).toEqual([]);
    expect(relayed).toEqual([]);
    expect(claims.releases).toBe(1);
    expect(claims.marks.size).toBe(0);
  });

  it('loses nothing when the relay fails after the store: the retry of the same bytes is relayed and accepted once', async () => {
    const { input, requestId, messageId } = requestFromMali();
    const relay = ports.relay;
    ports = {
      ...ports,
      relay: () => Promise.reject(Object.assign(new Error('not confirmed'), { code: 'PUBLISH_TIMEOUT' })),
    };
    await expect(sut().receive(input)).rejects.toThrow('not confirmed');
    expect((await store.find(requestId))?.receipts).toEqual([]);

    ports = { ...ports, relay };
    await expect(sut().receive(input)).resolves.toEqual({ outcome: 'accepted', messageId });
    await expect(sut().receive(input)).resolves.toEqual({ outcome: 'duplicate', messageId });

    expect(relayed).toHaveLength(1);
    expect((await store.find(requestId))?.history.map((m) => m.to)).toEqual(['SUBMITTED']);
    expect(quarantined).toEqual([]);
  });

  it('answers a duplicate from the receipt once the claim has lapsed (Redis retention over)', async () => {
    const { input, messageId } = requestFromMali();
    await sut().receive(input);
    claims.marks.clear();

    await expect(sut().receive(input)).resolves.toEqual({ outcome: 'duplicate', messageId });

    expect(relayed).toHaveLength(1);
  });

  it('quarantines a refusal with its code and journals it as received, rejected and dead-lettered', async () => {
    const { input, messageId } = requestFromMali();
    const tampered = { ...input, body: Buffer.from(input.body.toString().replace('"ML-CA"', '"ML-CA" ')) };

    const answer = await sut().receive(tampered);

    expect(answer).toMatchObject({
      outcome: 'refused',
      refusal: { code: 'SIGNATURE_INVALID', fault: 'signature' },
    });
    expect(quarantined.map((q) => [q.messageId, q.refusal.code])).toEqual([[messageId, 'SIGNATURE_INVALID']]);
    expect(events.map((e) => e.stage)).toEqual(['received', 'rejected', 'dead-lettered']);
    expect(relayed).toEqual([]);
  });

  it('refuses the same message id over other bytes as JUDICIAL_MESSAGE_CONFLICT (409), the first one untouched', async () => {
    const first = requestFromMali();
    await sut().receive(first.input);
    const other = requestFromMali(first.messageId);

    const answer = await sut().receive(other.input);

    expect(answer).toMatchObject({
      outcome: 'refused',
      refusal: { code: 'JUDICIAL_MESSAGE_CONFLICT', fault: 'conflict', stage: 'dedupe' },
    });
    expect(await store.find(other.requestId)).toBeUndefined();
    expect(claims.marks.get(first.messageId)).toMatch(/^done:/);
    expect(relayed).toHaveLength(1);
  });

  it('asks a copy that arrives while the first is being taken to come back, without judging it', async () => {
    const { input, messageId } = requestFromMali();
    await claims.claim(messageId, input.body);

    await expect(sut().receive(input)).resolves.toEqual({ outcome: 'in-progress', messageId });

    expect([relayed, quarantined, events]).toEqual([[], [], []]);
  });

  it('refuses a revoked authority certificate as a client fault before reading anything', async () => {
    const { input, messageId } = requestFromMali();
    ports = {
      ...ports,
      verifier: new SignatureVerifier({
        trustAnchorsPem: [pki.ca.certificatePem],
        revocation: { isRevoked: () => true },
      }),
    };

    const answer = await sut().receive(input);

    expect(answer).toMatchObject({
      outcome: 'refused',
      refusal: { code: 'CERTIFICATE_REVOKED', fault: 'client', stage: 'identity' },
    });
    expect(quarantined.map((q) => q.messageId)).toEqual([messageId]);
    expect(relayed).toEqual([]);
  });

  describe('attachments, fetched from the sender’s system and compared with their digest', () => {
    const url = `${SYSTEMS}/judicial/attachments/ML-CA/ordonnance.txt`;

    it('takes a request whose attachment is the file served, fetched pinned to that system’s identity', async () => {
      served.set(url, ORDONNANCE);
      const { input, messageId } = requestFromMali(undefined, [attachment(url)]);

      await expect(sut().receive(input)).resolves.toEqual({ outcome: 'accepted', messageId });

      expect(fetches).toEqual([[url, 'JUDICIAL-PEER']]);
    });

    it('refuses a digest that does not match as JUDICIAL_ATTACHMENT_DIGEST_MISMATCH, naming the attachment and both digests; quarantined, not stored', async () => {
      served.set(url, Buffer.from('another file'));
      const named = sha256Of(ORDONNANCE);
      const { input, messageId, requestId } = requestFromMali(undefined, [attachment(url)]);

      const answer = await sut().receive(input);

      expect(answer).toMatchObject({
        outcome: 'refused',
        refusal: { code: 'JUDICIAL_ATTACHMENT_DIGEST_MISMATCH', fault: 'content', stage: 'attachments' },
      });
      const { reason, raison } = (answer as { refusal: { reason: string; raison: string } }).refusal;
      for (const text of [reason, raison]) {
        expect(text).toContain('payload.attachments[0] (ordonnance');
        expect(text).toContain(named);
        expect(text).toContain(sha256Of(Buffer.from('another file')));
      }
      expect(quarantined.map((q) => [q.messageId, q.refusal.code])).toEqual([
        [messageId, 'JUDICIAL_ATTACHMENT_DIGEST_MISMATCH'],
      ]);
      expect(events.map((e) => e.stage)).toEqual(['received', 'rejected', 'dead-lettered']);
      expect(await store.find(requestId)).toBeUndefined();
      expect(claims.marks.size).toBe(0);
    });

    it.each([
      ['another host', 'https://files.example.org/ML-CA/ordonnance.txt'],
      ['another port of the same host', 'https://127.0.0.1:6379/ordonnance.txt'],
      [
        'plain http on the same host and port',
        'http://127.0.0.1:9445/judicial/attachments/ML-CA/ordonnance.txt',
      ],
    ])(
      'refuses an attachment on %s as JUDICIAL_ATTACHMENT_ORIGIN_REFUSED, without fetching it',
      async (_, elsewhere) => {
        const { input, messageId } = requestFromMali(undefined, [attachment(url), attachment(elsewhere)]);

        const answer = await sut().receive(input);

        expect(answer).toMatchObject({
          outcome: 'refused',
          refusal: { code: 'JUDICIAL_ATTACHMENT_ORIGIN_REFUSED', stage: 'attachments' },
        });
        expect((answer as { refusal: { reason: string } }).refusal.reason).toContain(
          'payload.attachments[1]',
        );
        expect(fetches).toEqual([]);
        expect(quarantined.map((q) => q.messageId)).toEqual([messageId]);
      },
    );

    it('refuses a file past the bound (JUDICIAL_ATTACHMENT_TOO_LARGE) and one the system does not serve (JUDICIAL_ATTACHMENT_NOT_SERVED)', async () => {
      served.set(
        url,
        new SignedHttpError(SignedHttpErrorCode.HTTP_RESPONSE_TOO_LARGE, 'too long', { retryable: false }),
      );
      const large = await sut().receive(requestFromMali(undefined, [attachment(url)]).input);
      served.set(
        url,
        new SignedHttpError(SignedHttpErrorCode.HTTP_REJECTED, 'answered 404', {
          retryable: false,
          status: 404,
        }),
      );
      const missing = await sut().receive(requestFromMali(undefined, [attachment(url)]).input);

      expect([large, missing].map((a) => (a as { refusal: { code: string } }).refusal.code)).toEqual([
        'JUDICIAL_ATTACHMENT_TOO_LARGE',
        'JUDICIAL_ATTACHMENT_NOT_SERVED',
      ]);
      expect(quarantined).toHaveLength(2);
    });

    it('answers a system that cannot be reached now as unavailable (no verdict: nothing quarantined, the claim released), and takes the same bytes once it serves the file', async () => {
      served.set(
        url,
        new SignedHttpError(SignedHttpErrorCode.HTTP_TIMEOUT, 'no answer', { retryable: true }),
      );
      const { input, messageId, requestId } = requestFromMali(undefined, [attachment(url)]);

      const answer = await sut().receive(input);

      expect(answer).toMatchObject({
        outcome: 'unavailable',
        messageId,
        code: 'JUDICIAL_ATTACHMENT_UNREACHABLE',
      });
      expect([quarantined, events, relayed]).toEqual([[], [], []]);
      expect(await store.find(requestId)).toBeUndefined();
      served.set(url, ORDONNANCE);
      await expect(sut().receive(input)).resolves.toEqual({ outcome: 'accepted', messageId });
    });
  });
});
