import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CmsSigner, SignatureVerifier, TrustError, TrustErrorCode } from '@pcms/trust';
import { createTestPki } from '@pcms/trust/testing';
import { PeerErrorCode } from './peer.error';
import { PeerInbox } from './peer.inbox';

describe(PeerInbox.name, () => {
  const pki = createTestPki();
  const gatewaySigner = new CmsSigner(pki.gateway);
  const notice = Buffer.from('<Notice xmlns="urn:pcms:i247:notice:1"><NoticeType>RED</NoticeType></Notice>');
  let directory: string;
  let sut: PeerInbox;

  beforeEach(() => {
    directory = join(mkdtempSync(join(tmpdir(), 'pcms-inbox-')), 'inbox');
    sut = new PeerInbox(directory, new SignatureVerifier({ trustAnchorsPem: [pki.ca.certificatePem] }));
  });

  afterEach(() => rmSync(join(directory, '..'), { recursive: true, force: true }));

  async function refusal(promise: Promise<unknown>): Promise<unknown> {
    return promise.then(
      () => 'accepted',
      (error: unknown) => error,
    );
  }

  it('stores a notice signed by the gateway as .xml and .p7s, byte for byte', async () => {
    const signature = gatewaySigner.sign(notice);

    const result = await sut.accept(notice, signature, 'msg-1');

    expect(result).toEqual({
      stored: 'new',
      signerId: 'GATEWAY',
      files: { xml: join(directory, 'msg-1.xml'), signature: join(directory, 'msg-1.p7s') },
    });
    expect(readFileSync(result.files.xml)).toEqual(notice);
    expect(readFileSync(result.files.signature)).toEqual(signature);
    expect(readdirSync(directory).sort()).toEqual(['msg-1.p7s', 'msg-1.xml', 'receipts.log']);
  });

  it('keeps the first copy of a message id and reports later ones as duplicates', async () => {
    await sut.accept(notice, gatewaySigner.sign(notice), 'msg-2');
    const other = Buffer.from('<Notice xmlns="urn:pcms:i247:notice:1"/>');

    const result = await sut.accept(other, gatewaySigner.sign(other), 'msg-2');

    expect(result.stored).toBe('duplicate');
    expect(readFileSync(result.files.xml)).toEqual(notice);
    expect((await sut.receipts()).map(({ messageId, stored }) => [messageId, stored])).toEqual([
      ['msg-2', 'new'],
      ['msg-2', 'duplicate'],
    ]);
  });

  it('stores concurrent copies of one message once', async () => {
    const signature = gatewaySigner.sign(notice);

    const results = await Promise.all([1, 2, 3].map(() => sut.accept(notice, signature, 'msg-3')));

    expect(results.map((result) => result.stored).sort()).toEqual(['duplicate', 'duplicate', 'new']);
    expect(readdirSync(directory).sort()).toEqual(['msg-3.p7s', 'msg-3.xml', 'receipts.log']);
  });

  it.each([
    [
      'another trusted party',
      () => new CmsSigner(pki.platforms['NP-BF']).sign(notice),
      TrustErrorCode.SIGNER_MISMATCH,
    ],
    ['a foreign CA', () => new CmsSigner(pki.wrongIssuer).sign(notice), TrustErrorCode.CERTIFICATE_UNTRUSTED],
    ['other content', () => gatewaySigner.sign(Buffer.from('<Notice/>')), TrustErrorCode.SIGNATURE_INVALID],
    ['nobody', () => undefined, TrustErrorCode.SIGNATURE_MISSING],
  ])('refuses a notice signed by %s, storing nothing', async (_case, signature, code) => {
    const error = await refusal(sut.accept(notice, signature(), 'msg-bad'));

    expect(error).toBeInstanceOf(TrustError);
    expect(error).toMatchObject({ code });
    expect(await sut.list()).toEqual([]);
  });

  it('refuses an empty body and a message id that names no file', async () => {
    await expect(
      sut.accept(Buffer.alloc(0), gatewaySigner.sign(Buffer.alloc(0)), 'msg'),
    ).rejects.toMatchObject({
      code: PeerErrorCode.PEER_BODY_EMPTY,
    });
    await expect(sut.accept(notice, gatewaySigner.sign(notice), '')).rejects.toMatchObject({
      code: PeerErrorCode.PEER_MESSAGE_ID_INVALID,
    });
  });

  it('lists stored notices under their safe names, nothing before the first', async () => {
    expect(await sut.list()).toEqual([]);
    await sut.accept(notice, gatewaySigner.sign(notice), '2024/00017');

    const listed = await sut.list();

    expect(listed).toHaveLength(1);
    expect(listed[0].name).toMatch(/^2024_00017\.[0-9a-f]{12}$/);
    expect(listed[0].files.signature).toBe(join(directory, `${listed[0].name}.p7s`));
  });
});
