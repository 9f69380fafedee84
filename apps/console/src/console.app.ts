// The operations console's process: an HTTPS server with client certificates of the PKI over the
// objects the command line uses (journal store, dead-letter desk, queue stats, hold counts).
import type { AlertRules } from '@pcms/alerts';
import { loadAlertRules, type LoadedConfig } from '@pcms/config';
import { businessKeyIndexFromConfig } from '@pcms/business-keys';
import { ConsoleHandler, probePeer, ReaderCertificates, type ConsoleSources } from '@pcms/console';
import { DeadLetterDesk, type DeliveryRequeue } from '@pcms/dead-letters';
import { DeliveryQueue } from '@pcms/delivery';
import { holdDecisionVerifier, HoldDesk, holdStoreFromConfig } from '@pcms/holds';
import { journalStoreFromConfig } from '@pcms/journal';
import { JournalEmitter } from '@pcms/journal-emitter';
import { createLogger, type Logger } from '@pcms/logging';
import { AmqpConnection, brokerUrls, gatewayTopology, QueueStats } from '@pcms/messaging';
import { pkiStatus } from '@pcms/revocation';
import type { RunningApp } from '@pcms/runtime';
import { amqpClientTlsOf } from '@pcms/runtime/process';
import { httpsServerOptions } from '@pcms/signed-http';
import { CRL_FILE, PkiStore } from '@pcms/trust';
import { MappingStatusBoard } from '@pcms/translation';
import { Redis } from 'ioredis';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { startAlerts } from './console-alerts';

/** The app name the journal records for what an operator does in the console. */
export const CONSOLE_APP = 'console';
/** A replay's right is kept this long: a second click a day later still finds it taken. */
const REPLAY_CLAIM_SECONDS = 24 * 60 * 60;

export interface StartConsoleOptions {
  logger?: Logger;
  /** How often the live dashboard is recomputed while a page listens (tests shorten it). */
  tickMs?: number;
  /** The alert rules; by default config/alerts.yaml, read and validated here (a bad file stops the start). */
  alertRules?: AlertRules;
}

export async function startConsole(
  config: LoadedConfig,
  options: StartConsoleOptions = {},
): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(CONSOLE_APP, config.logLevel ?? 'info');
  const alertRules = options.alertRules ?? loadAlertRules({ rootDir: config.paths.root });
  const pki = PkiStore.open(config.paths.pki);
  const caPem = pki.caCertificatePem();
  const topology = gatewayTopology(config.amqp.namespace);
  // Every broker address of the profile (amqp.urls, else amqp.url): the console fails over with the gateway.
  const amqp = await AmqpConnection.connect(brokerUrls(config.amqp), {
    topology: topology.declaration,
    connectionName: `pcms-${CONSOLE_APP}`,
    tls: amqpClientTlsOf(config),
  });
  const journal = await journalStoreFromConfig(config);
  const holds = await holdStoreFromConfig(config);
  const businessKeys = await businessKeyIndexFromConfig(config);
  const redis = new Redis(config.redis.url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const deliveries = DeliveryQueue.fromConfig(config);
  const requeue: DeliveryRequeue = (job) => deliveries.enqueue(job);
  const stats = new QueueStats(amqp, topology.declaration.deadLetterQueue);
  const queueNames = topology.declaration.queues.map((queue) => queue.name);
  const claimKey = (key: string) => `${config.redis.keyPrefix}:console:replay:${key}`;
  const journalEvents = new JournalEmitter(amqp, topology, CONSOLE_APP);
  const mappingBoard = new MappingStatusBoard(redis, config.redis.keyPrefix);
  const sources: ConsoleSources = {
    journal,
    businessKeys,
    journalEvents,
    desk: new DeadLetterDesk(amqp, topology, journalEvents, requeue),
    deadLetterQueue: topology.declaration.deadLetterQueue,
    queueDepths: () => stats.queueDepths(queueNames),
    holdCounts: async () => holds.counts().catch(() => null),
    waitingHolds: (limit) => holds.list({ status: 'waiting', limit }),
    findHold: (holdId) => holds.find(holdId),
    // The command line's path: HoldDesk with the CA and the revocation list published now.
    decideHold: (holdId, signed) => new HoldDesk(holds, holdDecisionVerifier(pki)).decide(holdId, signed),
    peerReachable: () => probePeer(config.i247Adapter.peerUrl),
    pkiStatus: () => pkiStatus(config.paths.pki, caPem, config.pki.expiryWarningDays),
    mappingStatuses: () => mappingBoard.read().catch(() => null),
    claimReplay: async (key) =>
      (await redis.set(claimKey(key), '1', 'EX', REPLAY_CLAIM_SECONDS, 'NX')) === 'OK',
    releaseReplay: async (key) => void (await redis.del(claimKey(key))),
    savedSearches: (reader) => redis.hgetall(`${config.redis.keyPrefix}:console:saved:${reader}`),
    saveSearch: async (reader, name, query) =>
      void (await redis.hset(`${config.redis.keyPrefix}:console:saved:${reader}`, name, query)),
  };
  const alerts = await startAlerts(config, alertRules, sources, {
    emitter: journalEvents,
    redis,
    logger,
    app: CONSOLE_APP,
  });
  sources.alerts = alerts.watch;
  const handler = new ConsoleHandler({
    sources,
    certificates: new ReaderCertificates(caPem, join(config.paths.pki, CRL_FILE)),
    logger,
    tickMs: options.tickMs,
  });
  const server = createServer(httpsServerOptions(pki.credential('GATEWAY'), caPem), handler.handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.console.http.port, config.console.http.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const url = `https://${config.console.http.host}:${port}`;
  logger.info({ url }, 'operations console listening / console d’exploitation à l’écoute');
  return {
    url,
    metricsUrl: alerts.metricsUrl,
    close: async () => {
      await alerts.stop();
      handler.close();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await closed;
      await Promise.allSettled([
        deliveries.close(),
        holds.close(),
        businessKeys.close(),
        journal.close(),
        amqp.close(),
      ]);
      redis.disconnect();
    },
  };
}
