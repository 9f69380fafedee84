// The three-node cluster as the tests drive it: through scripts/rabbitmq-cluster.sh, the same
// commands an operator types, and the default node's management API for who is connected where.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PROJECT_ROOT } from '../support/harness-config';

const run = promisify(execFile);
const SCRIPT = join(PROJECT_ROOT, 'scripts', 'rabbitmq-cluster.sh');
const MANAGEMENT_URL = process.env.PCMS_TEST_RABBITMQ_MANAGEMENT_URL ?? 'http://127.0.0.1:15672';
const MANAGEMENT_AUTH = `Basic ${Buffer.from('guest:guest').toString('base64')}`;

export type ExtraNode = 'rabbit2' | 'rabbit3';

/** Runs the script; a failure rejects with what the script said (its ERROR and what to do). */
export async function clusterScript(...args: string[]): Promise<string> {
  try {
    const { stdout } = await run('bash', [SCRIPT, ...args], { timeout: 150_000, maxBuffer: 4 << 20 });
    return stdout;
  } catch (error: unknown) {
    const { stderr, stdout } = error as { stderr?: string; stdout?: string };
    throw new Error(
      `scripts/rabbitmq-cluster.sh ${args.join(' ')} failed / a échoué:\n${stderr ?? ''}${stdout ?? ''}`,
      { cause: error },
    );
  }
}

/** The three AMQP URLs `start` prints, in its order (default node first). */
export async function startCluster(): Promise<string[]> {
  const urls = (await clusterScript('start')).split('\n').filter((line) => line.startsWith('amqp://'));
  if (urls.length !== 3) throw new Error(`rabbitmq-cluster.sh start printed ${urls.length} URLs, not 3`);
  return urls;
}

/** SIGKILL of the node's beam process: a crash, nothing flushed, no goodbye to its clients. */
export async function killNode(node: ExtraNode): Promise<number> {
  const pid = Number((await clusterScript('pid', node)).trim());
  process.kill(pid, 'SIGKILL');
  return pid;
}

/** Each connection whose name ends with `@<namespace>`, with its node (e.g. `rabbit2@localhost`). */
export async function connectionNodes(namespace: string): Promise<{ name: string; node: string }[]> {
  const response = await fetch(`${MANAGEMENT_URL}/api/connections?columns=node,client_properties`, {
    headers: { authorization: MANAGEMENT_AUTH },
  });
  if (!response.ok) throw new Error(`management API answered ${response.status}`);
  const connections = (await response.json()) as {
    node: string;
    client_properties?: { connection_name?: string };
  }[];
  return connections
    .map((connection) => ({
      name: connection.client_properties?.connection_name ?? '',
      node: connection.node,
    }))
    .filter(({ name }) => name.endsWith(`@${namespace}`));
}
