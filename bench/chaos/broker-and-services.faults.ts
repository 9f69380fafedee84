// The faults the chaos run injects into the services, with the commands an operator would type:
// scripts/rabbitmq-cluster.sh for the three-node cluster (kill -9 of a node's beam, `start` to bring
// it back), rabbitmqctl stop_app/start_app for the whole broker application, and for Redis and
// PostgreSQL the same start commands as scripts/services.sh (which is run to start them again).
// Never touches the default node's data. `restoreAll` leaves the services running and the cluster
// stopped, whatever happened before.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
// A killed node's restart and rejoin was measured at over 180 s on the loaded 2-core machine.
const COMMAND_TIMEOUT_MS = 480_000;
export const BROKER_NODES = ['rabbit@localhost', 'rabbit2@localhost', 'rabbit3@localhost'] as const;
const REDIS_DUMP = '/var/lib/redis/dump.rdb';

export class ServiceFaults {
  constructor(
    private readonly projectRoot: string,
    private readonly say: (line: string) => void,
  ) {}

  private async command(file: string, args: string[]): Promise<string> {
    try {
      const { stdout } = await run(file, args, { timeout: COMMAND_TIMEOUT_MS, maxBuffer: 8 << 20 });
      return stdout;
    } catch (error: unknown) {
      const { stderr, stdout } = error as { stderr?: string; stdout?: string };
      throw new Error(`${file} ${args.join(' ')} failed / a échoué:\n${stderr ?? ''}${stdout ?? ''}`, {
        cause: error,
      });
    }
  }

  private script(name: string, ...args: string[]): Promise<string> {
    return this.command('bash', [join(this.projectRoot, 'scripts', name), ...args]);
  }

  /** Starts (or completes) the three-node cluster; its three AMQP URLs, default node first. */
  async startCluster(): Promise<string[]> {
    const urls = (await this.script('rabbitmq-cluster.sh', 'start'))
      .split('\n')
      .filter((line) => line.startsWith('amqp://'));
    if (urls.length !== 3) throw new Error(`rabbitmq-cluster.sh start printed ${urls.length} URLs, not 3`);
    return urls;
  }

  stopCluster(): Promise<string> {
    return this.script('rabbitmq-cluster.sh', 'stop');
  }

  /** kill -9 of an extra node's beam (rabbit2 or rabbit3): a crash, nothing flushed. */
  async killBrokerNode(node: string): Promise<void> {
    const pid = Number((await this.script('rabbitmq-cluster.sh', 'pid', node)).trim());
    process.kill(pid, 'SIGKILL');
  }

  /** The whole broker down: stop_app on every node (the default node last), then start_app on all. */
  async stopBroker(): Promise<void> {
    for (const node of [...BROKER_NODES].reverse())
      await this.command('rabbitmqctl', ['-q', '-n', node, 'stop_app']);
  }

  async startBroker(): Promise<void> {
    // At once: a node waits for the others' tables at boot, so one after the other would stall.
    await Promise.all(
      BROKER_NODES.map((node) => this.command('rabbitmqctl', ['-q', '-n', node, 'start_app'])),
    );
    for (const node of BROKER_NODES) {
      await this.command('rabbitmq-diagnostics', ['-q', '-n', node, 'check_running']);
    }
  }

  /**
   * Redis stopped and started. It runs without persistence (scripts/services.sh: --save ""), so it
   * is shut down with SAVE and loads that dump at start: a restart, not the loss of its data (a
   * crash of this Redis would lose the delivery jobs; not injected, docs/architecture.md says so).
   */
  async restartRedis(): Promise<void> {
    const dumpBefore = existsSync(REDIS_DUMP);
    await this.command('redis-cli', ['-p', '6379', 'shutdown', 'save']).catch((error: unknown) => {
      // redis-cli reports the closed connection of a successful shutdown as an error on some versions.
      if (!String(error).includes('connection') && !String(error).includes('Connection')) throw error;
    });
    await this.services();
    // The dump served this restart only; a later start of the machine's Redis begins empty as before.
    if (!dumpBefore) rmSync(REDIS_DUMP, { force: true });
  }

  /** PostgreSQL stopped (fast: open sessions are ended) and started as scripts/services.sh does. */
  async restartPostgres(): Promise<void> {
    const version = readdirSync('/etc/postgresql')
      .sort((a, b) => Number(a) - Number(b))
      .pop();
    if (!version) throw new Error('no PostgreSQL cluster in /etc/postgresql');
    await this.command('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'stop', '-m', 'fast']);
    await this.services();
  }

  private async services(): Promise<void> {
    await this.script('services.sh');
  }

  /**
   * Whatever happened: the default node's application running, Redis and PostgreSQL up
   * (scripts/services.sh), the cluster stopped (the default node single again). Each step is tried
   * even when one before failed; the failures are returned.
   */
  async restoreAll(): Promise<string[]> {
    const failures: string[] = [];
    const step = async (label: string, action: () => Promise<unknown>) => {
      try {
        await action();
      } catch (error: unknown) {
        failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    await step('start_app', () =>
      this.command('rabbitmqctl', ['-q', '-n', BROKER_NODES[0], 'start_app']).catch(async () => {
        await this.services();
      }),
    );
    await step('services.sh', () => this.services());
    // The script's stop starts a killed or stopped member again before moving its replicas off.
    await step('rabbitmq-cluster.sh stop', () => this.stopCluster());
    for (const failure of failures) this.say(`restore / remise en état: ${failure}`);
    return failures;
  }
}
