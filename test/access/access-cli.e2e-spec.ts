// `pcms access amqp-users` as an operator runs it, on the real broker's management API.
import {
  planAmqpAccess,
  RabbitManagementClient,
  readAmqpCredentials,
  AmqpAccessProvisioner,
} from '@pcms/access';
import { loadConfig, type LoadedConfig } from '@pcms/config';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliContext } from '../../apps/cli/src/cli.context';
import { buildProgram } from '../../apps/cli/src/cli.program';
import { PROJECT_ROOT } from '../support/gateway.harness';
import { uniqueNamespace } from '../support/unique-namespace';

jest.setTimeout(60_000);

const MANAGEMENT_URL = process.env.PCMS_TEST_RABBITMQ_MANAGEMENT_URL ?? 'http://127.0.0.1:15672';

describe('pcms access amqp-users', () => {
  const management = new RabbitManagementClient({
    url: MANAGEMENT_URL,
    username: 'guest',
    password: 'guest',
  });
  let config: LoadedConfig;

  beforeAll(() => {
    config = loadConfig({
      rootDir: PROJECT_ROOT,
      env: {},
      overrides: {
        dataDir: mkdtempSync(join(tmpdir(), 'pcms-access-')),
        amqp: { namespace: uniqueNamespace(__filename).toLowerCase() },
      },
    });
  });

  afterAll(async () => {
    await new AmqpAccessProvisioner(management).remove(
      planAmqpAccess({ namespace: config.amqp.namespace, vhost: '/' }),
    );
    rmSync(config.paths.data, { recursive: true, force: true });
  });

  async function run(...args: string[]): Promise<string> {
    const output: string[] = [];
    const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      output.push(chunk.toString());
      return true;
    });
    try {
      await buildProgram(new CliContext(config)).parseAsync([
        'node',
        'pcms',
        ...args,
        '--management-url',
        MANAGEMENT_URL,
      ]);
    } finally {
      write.mockRestore();
    }
    return output.join('');
  }

  const file = () => join(config.paths.data, 'amqp-users.json');

  it('prints the plan without applying it', async () => {
    const output = await run('access', 'amqp-users');

    expect(output).toContain(`${config.amqp.namespace}pcms-np-ml`);
    expect(output).toContain('Plan (rien n’est appliqué');
    expect(await management.userExists(`${config.amqp.namespace}pcms-np-ml`)).toBe(false);
  });

  it('--apply creates the six users, writes the credentials in mode 0600 and prints no password', async () => {
    const output = await run('access', 'amqp-users', '--apply', '--json');

    const written = readAmqpCredentials(file());
    expect(written?.users.map((user) => user.platform)).toEqual([
      'NP-BF',
      'NP-TD',
      'NP-ML',
      'NP-MR',
      'NP-NE',
      'RP',
    ]);
    expect(statSync(file()).mode & 0o777).toBe(0o600);
    for (const user of written?.users ?? []) {
      expect(await management.userExists(user.username)).toBe(true);
      expect(output).not.toContain(user.password);
    }
    expect(JSON.parse(output)).toMatchObject({ applied: true });
  });

  it('--apply again keeps the passwords; --show-secrets prints them', async () => {
    const before = readAmqpCredentials(file());

    const output = await run('access', 'amqp-users', '--apply', '--show-secrets');

    expect(readAmqpCredentials(file())).toEqual(before);
    expect(output).toContain(before?.users[0].password);
  });
});
