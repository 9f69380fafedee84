// The PKI commands as an operator runs them, in order, on a fresh data folder: no broker needed.
import { spawnSync } from 'node:child_process';
import { CommanderError } from 'commander';
import { loadConfig } from '@pcms/config';
import { createTestCertificateRequest } from '@pcms/trust/testing';
import { identityOf, RevocationList } from '@pcms/trust';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { CliContext } from '../../apps/cli/src/cli.context';
import { buildProgram } from '../../apps/cli/src/cli.program';

jest.setTimeout(60_000);

interface Listing {
  id: string;
  role: string;
  serialHex: string;
  status: string;
  daysToExpiry: number;
  expiringSoon: boolean;
  current: boolean;
}

describe('pcms pki', () => {
  let dataDir: string;
  let pkiDir: string;
  const config = () => loadConfig({ rootDir: resolve(__dirname, '../..'), env: {}, overrides: { dataDir } });

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pcms-pki-cli-'));
    pkiDir = config().paths.pki;
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  afterEach(() => {
    process.exitCode = undefined;
  });

  /** Runs one command line; stdout and stderr as the operator would read them. */
  async function run(...args: string[]): Promise<{ out: string; err: string; exitCode: number }> {
    const context = new CliContext(config());
    const out: string[] = [];
    const err: string[] = [];
    const capture = (into: string[]) => (chunk: string | Uint8Array) => {
      into.push(chunk.toString());
      return true;
    };
    const stdout = jest.spyOn(process.stdout, 'write').mockImplementation(capture(out));
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(capture(err));
    try {
      await buildProgram(context).parseAsync(['node', 'pcms', ...args]);
    } catch (error) {
      // As main.ts does: commander ends --help and usage errors through exitOverride.
      if (!(error instanceof CommanderError)) throw error;
      process.exitCode = error.exitCode;
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
      await context.close();
    }
    return { out: out.join(''), err: err.join(''), exitCode: Number(process.exitCode ?? 0) };
  }

  const list = async (): Promise<Listing[]> =>
    (JSON.parse((await run('pki', 'list', '--json')).out) as { certificates: Listing[] }).certificates;

  it('init → issue → list → revoke → crl → inspect', async () => {
    const init = await run('pki', 'init');
    expect(init.out).toContain('Development PKI created');
    expect(init.out).toContain('PKI de développement créée');

    const issued = await run('pki', 'issue', 'OPS-ADA', '--role', 'operator', '--days', '20');
    expect(issued.exitCode).toBe(0);
    expect(statSync(join(pkiDir, 'OPS-ADA.key')).mode & 0o777).toBe(0o600);
    expect(issued.out).not.toContain('PRIVATE KEY');

    const request = createTestCertificateRequest({ commonName: 'NP-XX', organizationalUnit: 'platform' });
    writeFileSync(join(dataDir, 'np-xx.csr'), request.requestPem);
    expect(
      (await run('pki', 'issue', 'NP-XX', '--role', 'platform', '--csr', join(dataDir, 'np-xx.csr')))
        .exitCode,
    ).toBe(0);
    expect(identityOf(readFileSync(join(pkiDir, 'NP-XX.crt'), 'utf8'))).toEqual({
      id: 'NP-XX',
      role: 'platform',
    });

    const listed = await list();
    const operator = listed.find((listing) => listing.id === 'OPS-ADA');
    expect(operator).toMatchObject({
      role: 'operator',
      status: 'valid',
      daysToExpiry: 19,
      expiringSoon: true,
    });
    expect(listed.find((listing) => listing.id === 'NP-ML')).toMatchObject({
      status: 'valid',
      expiringSoon: false,
    });
    expect((await run('pki', 'list')).out).toMatch(/OPS-ADA .* expires soon \/ expire bientôt/);

    const serial = operator?.serialHex ?? '';
    const revoked = await run('pki', 'revoke', serial, '--reason', 'keyCompromise');
    expect(revoked.exitCode).toBe(0);
    expect(revoked.out).toContain('Revoked: OPS-ADA');
    const ca = readFileSync(join(pkiDir, 'ca.crt'), 'utf8');
    expect(RevocationList.fromPem(readFileSync(join(pkiDir, 'crl.pem'), 'utf8'), ca).isRevoked(serial)).toBe(
      true,
    );
    expect((await list()).find((listing) => listing.id === 'OPS-ADA')).toMatchObject({
      status: 'revoked',
      expiringSoon: false,
    });

    const crl = await run('pki', 'crl', '--days', '3');
    expect(crl.out).toMatch(/Revocation list #\d+ published .*: 1 revoked/);

    const inspected = JSON.parse((await run('pki', 'inspect', join(pkiDir, 'crl.pem'))).out) as {
      kind: string;
      signatureVerified: boolean;
      revoked: { serialHex: string; reason: string }[];
    };
    expect(inspected).toMatchObject({
      kind: 'crl',
      signatureVerified: true,
      revoked: [{ serialHex: serial, reason: 'keyCompromise' }],
    });
    const certificate = JSON.parse((await run('pki', 'inspect', join(pkiDir, 'NP-XX.crt'))).out) as {
      party: unknown;
    };
    expect(certificate.party).toEqual({ id: 'NP-XX', role: 'platform' });
  });

  it('renew: a new serial for the same party, the old one still valid', async () => {
    const before = (await list()).filter((listing) => listing.id === 'NP-BF');

    const renewed = await run('pki', 'renew', 'NP-BF', '--days', '400');

    expect(renewed.out).toContain('--reason superseded');
    const after = (await list()).filter((listing) => listing.id === 'NP-BF');
    expect(after).toHaveLength(before.length + 1);
    expect(after.every((listing) => listing.status === 'valid')).toBe(true);
    expect(after.filter((listing) => listing.current)).toHaveLength(1);
  });

  it('refuses what it must, with a code and a bilingual hint, never a key', async () => {
    const wrongCn = createTestCertificateRequest({ commonName: 'NP-BF' });
    writeFileSync(join(dataDir, 'wrong.csr'), wrongCn.requestPem);

    const refused = await run(
      'pki',
      'issue',
      'NP-YY',
      '--role',
      'platform',
      '--csr',
      join(dataDir, 'wrong.csr'),
    );
    expect(refused.exitCode).toBe(1);
    expect(refused.err).toMatch(/^REQUEST_INVALID: .*\n {2}EN: .*\n {2}FR: /);

    const unknown = await run('pki', 'revoke', '0badcafe', '--reason', 'superseded');
    expect(unknown.err).toContain('PKI_STATE_CONFLICT');

    const key = await run('pki', 'inspect', join(pkiDir, 'ca.key'));
    expect(key.exitCode).toBe(1);
    expect(key.err).not.toContain('PRIVATE KEY');
    expect(key.out).toBe('');
  });

  it('init --import-ca: a CA made by openssl issues certificates openssl verifies', async () => {
    const otherData = mkdtempSync(join(tmpdir(), 'pcms-pki-import-'));
    const made = spawnSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'ca.key',
        '-out',
        'ca.crt',
        '-days',
        '30',
      ].concat(['-subj', '/O=Ministry/CN=Imported CA', '-addext', 'keyUsage=critical,keyCertSign,cRLSign']),
      { cwd: otherData },
    );
    expect(made.status).toBe(0);
    const previous = dataDir;
    dataDir = join(otherData, 'data');
    try {
      const imported = await run(
        'pki',
        'init',
        '--import-ca',
        join(otherData, 'ca.crt'),
        '--import-key',
        join(otherData, 'ca.key'),
      );
      expect(imported.out).toContain('CA imported');
      expect(imported.out).toContain('AC importée');
      expect((await run('pki', 'issue', 'GATEWAY', '--role', 'gateway')).exitCode).toBe(0);

      const gatewayCrt = join(config().paths.pki, 'GATEWAY.crt');
      const verify = spawnSync('openssl', ['verify', '-CAfile', join(otherData, 'ca.crt'), gatewayCrt]);
      expect(verify.stdout.toString()).toContain(': OK');
    } finally {
      dataDir = previous;
      rmSync(otherData, { recursive: true, force: true });
    }
  });

  it.each([
    ['init', 'import a CA', 'importe une AC'],
    ['issue', 'PKCS#10 request', 'requête PKCS#10'],
    ['renew', 'stays valid until revoked', 'reste valide jusqu’à sa révocation'],
    ['revoke', 'RFC 5280 reason', 'motif RFC 5280'],
    ['crl', 'publish a new revocation list', 'publie une nouvelle liste'],
    ['inspect', 'summarise a PEM certificate', 'résume un certificat'],
    ['list', 'days to expiry', 'jours avant expiration'],
  ])('pki %s --help is in English and French', async (command, english, french) => {
    const help = await run('pki', command, '--help');

    expect(help.exitCode).toBe(0);
    // commander wraps help to the terminal's width.
    const text = help.out.replace(/\s+/g, ' ');
    expect(text).toContain(english);
    expect(text).toContain(french);
  });
});
