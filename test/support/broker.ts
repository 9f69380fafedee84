// Test-side access to the real broker: tear down what a test file declared, and close one of our
// own connections from the broker side (never everybody's: other suites share this broker).
import { connect } from 'amqplib';
import { gatewayTopology, type MessagingLogger, type RetrySettings, type Topology } from '@pcms/messaging';

export const AMQP_URL = process.env.PCMS_TEST_AMQP_URL ?? 'amqp://guest:guest@127.0.0.1:5672';
const MANAGEMENT_URL = process.env.PCMS_TEST_RABBITMQ_MANAGEMENT_URL ?? 'http://127.0.0.1:15672';
const MANAGEMENT_AUTH = `Basic ${Buffer.from('guest:guest').toString('base64')}`;

/** The retry wait queues of `retry`'s delays (a suite that gave its apps delays of its own). */
export async function deleteWaitQueues(namespace: string, retry: RetrySettings): Promise<void> {
  const { declaration } = gatewayTopology(namespace, retry);
  await deleteTopology({
    ...declaration,
    exchanges: [],
    queues: declaration.queues.filter((q) => q.messageTtlMs),
  });
}

export async function deleteTopology(topology: Topology): Promise<void> {
  const model = await connect(AMQP_URL);
  try {
    const channel = await model.createChannel();
    for (const queue of topology.queues) await channel.deleteQueue(queue.name);
    for (const exchange of topology.exchanges) await channel.deleteExchange(exchange.name);
  } finally {
    await model.close();
  }
}

interface ManagedConnection {
  name: string;
  client_properties?: { connection_name?: string };
}

/** Returns false while the management plugin has not yet listed the connection. */
export async function closeConnectionNamed(connectionName: string): Promise<boolean> {
  const response = await fetch(`${MANAGEMENT_URL}/api/connections`, {
    headers: { authorization: MANAGEMENT_AUTH },
  });
  if (!response.ok) throw new Error(`management API answered ${response.status}`);
  const connections = (await response.json()) as ManagedConnection[];
  const target = connections.find((c) => c.client_properties?.connection_name === connectionName);
  if (!target) return false;
  const closed = await fetch(`${MANAGEMENT_URL}/api/connections/${encodeURIComponent(target.name)}`, {
    method: 'DELETE',
    headers: { authorization: MANAGEMENT_AUTH, 'x-reason': 'pcms reconnection test' },
  });
  return closed.ok;
}

export interface RecordingLogger extends MessagingLogger {
  readonly lines: { level: 'warn' | 'error'; message: string }[];
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger['lines'] = [];
  return {
    lines,
    warn: (message) => lines.push({ level: 'warn', message }),
    error: (message) => lines.push({ level: 'error', message }),
  };
}

export interface Gate {
  readonly opened: Promise<void>;
  open(): void;
}

export function gate(): Gate {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}
