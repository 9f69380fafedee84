import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@pcms/config';
import { createLogger } from '@pcms/logging';
import {
  postSignedDocument,
  SignedHttpError,
  SignedHttpErrorCode,
  type ClientTlsOptions,
} from '@pcms/signed-http';
import { CmsSigner, type Credential } from '@pcms/trust';
import { writeTestPki } from '@pcms/trust/testing';
import { startPeer, type RunningPeer } from '../../apps/i247-peer/src/peer.app';

describe(startPeer.name, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pcms-peer-'));
  const { pki, directory: pkiDir } = writeTestPki(join(dataDir, 'pki'));
  const config = loadConfig({
    rootDir: join(__dirname, '..', '..'),
    env: {},
    overrides: { dataDir, autoInitPki: false, peer: { http: { host: '127.0.0.1', port: 0 } } },
  });
  const notice = Buffer.from(
    '<Notice xmlns="urn:pcms:i247:notice:1"><NoticeType>RED</NoticeType></Notice>\n',
  );
  let sut: RunningPeer;

  beforeAll(async () => {
    sut = await startPeer(config, { logger: createLogger('i247-peer-test', 'silent') });
  });

  afterAll(async () => {
    await sut.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  function tlsAs(client: Credential): ClientTlsOptions {
    return {
      certificatePem: client.certificatePem,
      privateKeyPem: client.privateKeyPem,
      caPem: pki.ca.certificatePem,
      expectedServerId: 'I247-PEER',
    };
  }

  function post(messageId: string, signatureDer: Buffer, client: Credential = pki.gateway, body = notice) {
    return postSignedDocument({
      url: `${sut.url}/notices`,
      body,
      contentType: 'application/xml',
      signatureDer,
      messageId,
      tls: tlsAs(client),
      timeoutMs: 5000,
    });
  }

  async function rejectionOf(promise: Promise<unknown>): Promise<{ status?: number; body: unknown }> {
    const error = await promise.then(
      () => undefined,
      (reason: unknown) => reason,
    );
    expect(error).toBeInstanceOf(SignedHttpError);
    const { status, responseBody, code } = error as SignedHttpError;
    expect(code).toBe(SignedHttpErrorCode.HTTP_REJECTED);
    return { status, body: JSON.parse(responseBody ?? 'null') };
  }

  it('stores a notice signed by the gateway as .xml + .p7s that openssl verifies, once', async () => {
    const signature = new CmsSigner(pki.gateway).sign(notice);

    const first = await post('3f1c2a9e-1b2c-4d5e-8f90-000000000001', signature);
    const again = await post('3f1c2a9e-1b2c-4d5e-8f90-000000000001', signature);

    expect(first.status).toBe(202);
    expect(JSON.parse(first.body)).toMatchObject({
      stored: 'new',
      file: '3f1c2a9e-1b2c-4d5e-8f90-000000000001.xml',
    });
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toMatchObject({ stored: 'duplicate' });
    const stored = join(config.paths.peerInbox, '3f1c2a9e-1b2c-4d5e-8f90-000000000001');
    expect(readFileSync(`${stored}.xml`)).toEqual(notice);
    const verified = execFileSync(
      'openssl',
      [
        'cms',
        '-verify',
        '-binary',
        '-inform',
        'DER',
        '-in',
        `${stored}.p7s`,
        '-content',
        `${stored}.xml`,
        '-CAfile',
        join(pkiDir, 'ca.crt'),
        '-purpose',
        'any',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    expect(verified).toEqual(notice);
  });

  it('lists the stored notices', async () => {
    await post('listed-1', new CmsSigner(pki.gateway).sign(notice));

    const listed = await getJson(`${sut.url}/notices`, pki.gateway);

    expect(listed).toEqual(expect.arrayContaining([expect.objectContaining({ name: 'listed-1' })]));
  });

  it('refuses a notice signed by another party than the gateway, with the code', async () => {
    const signature = new CmsSigner(pki.platforms['NP-BF']).sign(notice);

    const refused = await rejectionOf(post('wrong-signer', signature));

    expect(refused).toEqual({ status: 403, body: { code: 'SIGNER_MISMATCH', reason: expect.any(String) } });
    expect(await names()).not.toContain('wrong-signer');
  });

  it('refuses a signature that does not cover the body, with the code', async () => {
    const signature = new CmsSigner(pki.gateway).sign(Buffer.from('<Notice/>'));

    const refused = await rejectionOf(post('tampered', signature));

    expect(refused).toEqual({ status: 400, body: { code: 'SIGNATURE_INVALID', reason: expect.any(String) } });
    expect(await names()).not.toContain('tampered');
  });

  it('refuses a notice delivered by a client that is not the gateway', async () => {
    const signature = new CmsSigner(pki.gateway).sign(notice);

    const refused = await rejectionOf(post('wrong-client', signature, pki.platforms['NP-BF']));

    expect(refused).toMatchObject({ status: 403, body: { code: 'PEER_CLIENT_NOT_ALLOWED' } });
  });

  it('does not let a client without a certificate connect', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = request(
        `${sut.url}/notices`,
        { method: 'GET', ca: pki.ca.certificatePem, agent: false },
        (res) => resolve(`answered ${res.statusCode}`),
      );
      req.on('error', (error: NodeJS.ErrnoException) => resolve(`failed ${error.code ?? error.name}`));
      req.end();
    });

    expect(outcome).toMatch(/^failed /);
  });

  function getJson(url: string, client: Credential): Promise<unknown> {
    return new Promise((resolve, reject) => {
      const options = { ...tlsOf(client), method: 'GET', agent: false as const };
      const req = request(url, options, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve(JSON.parse(text)));
      });
      req.on('error', reject);
      req.end();
    });
  }

  function tlsOf(client: Credential) {
    return { cert: client.certificatePem, key: client.privateKeyPem, ca: pki.ca.certificatePem };
  }

  async function names(): Promise<string[]> {
    const listed = (await getJson(`${sut.url}/notices`, pki.gateway)) as { name: string }[];
    return listed.map((entry) => entry.name);
  }
});
