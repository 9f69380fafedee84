// --json on the commands that had none: each prints one JSON document an integrator can parse.
// The PKI ones on a fresh data folder (no broker needed); send and peer send are covered where
// the gateway runs (test/cli/cli.e2e-spec.ts).
import { loadConfig, type LoadedConfig } from '@pcms/config';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runCli } from '../support/cli-runner';

// pki init makes a key per party, the judicial directory's 46 authorities included (5-15 s here).
jest.setTimeout(60_000);

describe('pcms pki --json', () => {
  let dataDir: string;
  let config: LoadedConfig;
  const json = async (...args: string[]): Promise<Record<string, unknown>> => {
    const { output, exitCode } = await runCli(config, ...args, '--json');
    expect(exitCode).toBe(0);
    return JSON.parse(output) as Record<string, unknown>;
  };

  beforeAll(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'pcms-cli-json-'));
    config = loadConfig({ rootDir: resolve(__dirname, '../..'), env: {}, overrides: { dataDir } });
  });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('init, issue, renew, revoke, crl and inspect each print one JSON document', async () => {
    const created = await json('pki', 'init');
    expect(created).toMatchObject({ outcome: 'created', directory: config.paths.pki });
    expect(created.parties).toEqual(expect.arrayContaining([{ id: 'NP-ML', role: 'platform' }]));
    expect(await json('pki', 'init')).toEqual({
      outcome: 'present',
      directory: config.paths.pki,
      added: [],
    });

    const issued = await json('pki', 'issue', 'OPS-JSON', '--role', 'operator', '--days', '10');
    expect(issued).toMatchObject({
      id: 'OPS-JSON',
      role: 'operator',
      serial: expect.stringMatching(/^[0-9a-f]+$/i),
      keyFile: join(config.paths.pki, 'OPS-JSON.key'),
    });
    const renewed = await json('pki', 'renew', 'OPS-JSON');
    expect(renewed).toMatchObject({ id: 'OPS-JSON', previousSerial: issued.serial });
    expect(renewed.serial).not.toBe(issued.serial);

    const revoked = await json('pki', 'revoke', String(issued.serial), '--reason', 'superseded');
    expect(revoked).toMatchObject({
      revoked: { id: 'OPS-JSON', reason: 'superseded' },
      crl: { revokedCount: 1 },
    });
    expect(await json('pki', 'crl', '--days', '3')).toMatchObject({ revokedCount: 1 });
    expect(await json('pki', 'inspect', join(config.paths.pki, 'OPS-JSON.crt'))).toMatchObject({
      kind: expect.any(String),
    });
  });
});
