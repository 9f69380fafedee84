// A PKI made before certificates carried the signing usages (issue 11, defect 2): its gateway
// and platform certificates have only TLS extended key usages, so `openssl cms -verify` without
// `-purpose any` refuses their signatures. `pki renew --all` reissues them under the same CA.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '@pcms/config';
import { CmsSigner, listCertificates, normalizeSerialHex, PkiStore } from '@pcms/trust';
import { runCli } from '../support/cli-runner';

jest.setTimeout(60_000);

function openssl(args: string[], cwd: string): { status: number; output: string } {
  const run = spawnSync('openssl', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  return { status: run.status ?? -1, output: `${run.stdout.toString()}${run.stderr.toString()}` };
}

/** What `pki init` wrote before this change: TLS usages only, no nonRepudiation, no emailProtection. */
const OLD_PROFILE = [
  'basicConstraints=critical,CA:FALSE',
  'keyUsage=critical,digitalSignature,keyEncipherment',
  'extendedKeyUsage=clientAuth,serverAuth',
  'subjectKeyIdentifier=hash',
  'authorityKeyIdentifier=keyid',
].join('\n');

describe('pki renew --all on a PKI of the old certificate profile', () => {
  let dataDir: string;
  let pkiDir: string;
  const config = () => loadConfig({ rootDir: resolve(__dirname, '../..'), env: {}, overrides: { dataDir } });
  const content = Buffer.from(
    '<Notice xmlns="urn:pcms:i247:notice:1"><noticeId>2026/7</noticeId></Notice>\n',
  );

  /** Re-certifies a party's key the way the old profile did, with OpenSSL, under the same CA. */
  function downgrade(id: string, role: string): string {
    const run = (args: string[]) => expect(openssl(args, pkiDir)).toMatchObject({ status: 0 });
    run([
      'req',
      '-new',
      '-key',
      `${id}.key`,
      '-subj',
      `/O=PCMS/OU=${role}/CN=${id}`,
      '-out',
      `${id}.old.csr`,
    ]);
    writeFileSync(join(pkiDir, 'old-profile.cnf'), OLD_PROFILE);
    run(
      ['x509', '-req', '-in', `${id}.old.csr`, '-CA', 'ca.crt', '-CAkey', 'ca.key', '-CAcreateserial'].concat(
        ['-days', '30', '-extfile', 'old-profile.cnf', '-out', `${id}.old.crt`],
      ),
    );
    const store = PkiStore.open(pkiDir);
    const certificatePem = readFileSync(join(pkiDir, `${id}.old.crt`), 'utf8');
    store.write(id, { certificatePem, privateKeyPem: '', serialNumber: '' });
    return normalizeSerialHex(store.credential(id).serialNumber);
  }

  /** Signs with the party's current certificate and verifies as a user types it: no -purpose any. */
  function opensslVerifiesSignatureOf(id: string): { status: number; output: string } {
    writeFileSync(join(dataDir, 'content.bin'), content);
    writeFileSync(
      join(dataDir, `${id}.p7s`),
      new CmsSigner(PkiStore.open(pkiDir).credential(id)).sign(content),
    );
    return openssl(
      ['cms', '-verify', '-binary', '-inform', 'DER', '-in', `${id}.p7s`, '-content', 'content.bin'].concat([
        '-CAfile',
        join(pkiDir, 'ca.crt'),
        '-out',
        '/dev/null',
      ]),
      dataDir,
    );
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'pcms-pki-renew-'));
    pkiDir = config().paths.pki;
    expect((await runCli(config(), 'pki', 'init')).exitCode).toBe(0);
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('reissues every live certificate under the same CA, same keys, and OpenSSL then accepts the signatures', async () => {
    const oldGateway = downgrade('GATEWAY', 'gateway');
    const oldPlatform = downgrade('NP-ML', 'platform');
    expect(opensslVerifiesSignatureOf('GATEWAY').output).toContain('unsuitable certificate purpose');
    expect(opensslVerifiesSignatureOf('NP-ML').output).toContain('unsuitable certificate purpose');
    const caBefore = readFileSync(join(pkiDir, 'ca.crt'), 'utf8');
    const keyBefore = readFileSync(join(pkiDir, 'GATEWAY.key'), 'utf8');

    const { output, exitCode } = await runCli(config(), 'pki', 'renew', '--all', '--json');

    expect(exitCode).toBe(0);
    const renewed = (JSON.parse(output) as { renewed: { id: string; previousSerial: string }[] }).renewed;
    // Every party of the development PKI, the judicial peer and the directory's authorities included.
    const everyParty = readdirSync(pkiDir)
      .filter((file) => file.endsWith('.crt') && file !== 'ca.crt' && !file.includes('.old'))
      .map((file) => file.slice(0, -'.crt'.length));
    expect(everyParty).toEqual(
      expect.arrayContaining(['GATEWAY', 'I247-PEER', 'NP-BF', 'NP-ML', 'NP-MR', 'NP-NE', 'NP-TD', 'RP']),
    );
    expect(everyParty).toEqual(expect.arrayContaining(['JUDICIAL-PEER', 'ML-CA', 'NE-CA']));
    expect(renewed.map((party) => party.id).sort()).toEqual(everyParty.sort());
    expect(renewed.find((party) => party.id === 'GATEWAY')?.previousSerial).toBe(oldGateway);
    expect(renewed.find((party) => party.id === 'NP-ML')?.previousSerial).toBe(oldPlatform);
    expect(opensslVerifiesSignatureOf('GATEWAY')).toEqual({
      status: 0,
      output: 'CMS Verification successful\n',
    });
    expect(opensslVerifiesSignatureOf('NP-ML')).toEqual({
      status: 0,
      output: 'CMS Verification successful\n',
    });
    expect(readFileSync(join(pkiDir, 'ca.crt'), 'utf8')).toBe(caBefore);
    expect(readFileSync(join(pkiDir, 'GATEWAY.key'), 'utf8')).toBe(keyBefore);
    // The superseded certificates stay valid until the operator revokes them.
    const previous = listCertificates(PkiStore.open(pkiDir)).find(
      (listing) => listing.serialHex === oldGateway,
    );
    expect(previous).toMatchObject({ status: 'valid', current: false });
  });

  it('refuses a party and --all together, in English and French', async () => {
    const { output, exitCode } = await runCli(config(), 'pki', 'renew', 'NP-BF', '--all');

    expect(exitCode).toBe(1);
    expect(output).toContain('Name one party, or --all');
    expect(output).toContain('Nommez une partie, ou --all');
  });
});
