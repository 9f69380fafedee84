// The console's alerts, wired: the watch of @pcms/console over the console's sources, run under a
// lease so that one console evaluates however many run, its signals served to Prometheus.
import type { AlertRules } from '@pcms/alerts';
import type { LoadedConfig } from '@pcms/config';
import { AlertWatch, RedisAlertStore, type ConsoleSources } from '@pcms/console';
import type { JournalEmitter } from '@pcms/journal-emitter';
import { leaseKey, runExclusively } from '@pcms/lease';
import type { Logger } from '@pcms/logging';
import { AlertSignalMetrics, GatewayMetrics, startObservabilityServer } from '@pcms/observability';
import type { Redis } from 'ioredis';

/**
 * The alerts (config/alerts.yaml): evaluated by one console at a time (the lease
 * `<prefix>:lease:console-alerts`), every `evaluateEverySeconds`; their signals served as metrics
 * on `observability.ports.console` when set, by the holder only.
 */
export async function startAlerts(
  config: LoadedConfig,
  rules: AlertRules,
  sources: ConsoleSources,
  { emitter, redis, logger, app }: { emitter: JournalEmitter; redis: Redis; logger: Logger; app: string },
): Promise<{ watch: AlertWatch; metricsUrl?: string; stop: () => Promise<void> }> {
  const { enabled, host, ports } = config.observability;
  const metrics = new GatewayMetrics(app);
  const signals = new AlertSignalMetrics(metrics.registry);
  const server =
    enabled && ports.console !== undefined
      ? await startObservabilityServer(metrics, { host, port: ports.console })
      : undefined;
  const watch = new AlertWatch({
    rules,
    sources,
    store: new RedisAlertStore(redis, `${config.redis.keyPrefix}:console:alerts`),
    journal: (events) => emitter.emit(events),
    namespace: config.amqp.namespace,
    logger,
    metrics: signals,
    peerId: config.i247Adapter.peerId,
  });
  const everyMs = rules.evaluateEverySeconds * 1000;
  const job = runExclusively(
    redis,
    leaseKey(config.redis.keyPrefix, 'console-alerts'),
    everyMs,
    async () => void (await watch.evaluate()),
    {
      owner: `${app}#${config.instance}`,
      onError: (error) =>
        logger.warn(
          { code: error instanceof Error ? error.name : 'INTERNAL' },
          'alert evaluation failed, tried again at the next turn / évaluation des alertes en échec',
        ),
    },
  );
  // A console that is not (or no longer) the holder exports no stale measurement.
  const forget = setInterval(() => {
    if (!job.isHolder) signals.clear();
  }, everyMs);
  return {
    watch,
    metricsUrl: server?.url,
    stop: async () => {
      clearInterval(forget);
      await job.stop();
      await server?.close();
    },
  };
}
