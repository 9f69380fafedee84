import { loadConfig, type LoadedConfig } from '@pcms/config';
import type { AmqpConnection, GatewayTopology } from '@pcms/messaging';

/** What commands share: the configuration, read once, and a broker connection opened on demand. */
export class CliContext {
  private connection?: { amqp: AmqpConnection; topology: GatewayTopology };

  /** A configuration given here (tests) is used as is; otherwise it is loaded on first use. */
  constructor(private loaded?: LoadedConfig) {}

  get config(): LoadedConfig {
    this.loaded ??= loadConfig();
    return this.loaded;
  }

  async broker(): Promise<{ amqp: AmqpConnection; topology: GatewayTopology }> {
    if (!this.connection) {
      // Imported here: with Nest behind them, they would slow every command that needs no broker.
      const [{ AmqpConnection, brokerUrls, gatewayTopology }, { amqpClientTlsOf }] = await Promise.all([
        import('@pcms/messaging'),
        import('@pcms/runtime/process'),
      ]);
      const topology = gatewayTopology(this.config.amqp.namespace);
      const amqp = await AmqpConnection.connect(brokerUrls(this.config.amqp), {
        topology: topology.declaration,
        queueType: this.config.amqp.queueType,
        connectionName: 'pcms-cli',
        connectTimeoutMs: 5000,
        tls: amqpClientTlsOf(this.config),
      });
      this.connection = { amqp, topology };
    }
    return this.connection;
  }

  async close(): Promise<void> {
    await this.connection?.amqp.close();
  }
}

/** Console lines in English and French: the operators work in French, Interpol in English. */
export function say(english: string, french: string): void {
  process.stdout.write(`${english}\n  ${french}\n`);
}

/** "1 message", "3 messages": counts read as sentences in both languages. */
export function counted(count: number, singular: string, plural: string): string {
  return `${count} ${count === 1 ? singular : plural}`;
}
