import type {
  Abstract,
  DynamicModule,
  INestApplication,
  INestApplicationContext,
  INestMicroservice,
  Type,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { LoadedConfig } from '@pcms/config';
import { createLogger, NestLoggerAdapter, type Logger } from '@pcms/logging';
import { JournalEmitter } from '@pcms/journal-emitter';
import { AmqpTransport } from '@pcms/messaging/nest';
import { GatewayMetrics } from '@pcms/observability';
import { boundedRawBody, type MutualTlsServerOptions } from '@pcms/signed-http';
import type { AddressInfo } from 'node:net';
import { amqpClientTlsOf } from './amqp-client-tls.factory';
import { gatewayErrorPolicy } from './error.policy';
import { countOutcomes } from './rejection.metrics';
import { journalDeadLetters } from './dead-letter.journal';
import { ObservabilityLifecycle } from './runtime.module';
import { enableCleanShutdown } from './clean-shutdown';
import { messagingLoggerOf } from './messaging-logger';

export interface RunningApp {
  /** The HTTPS base URL when the app serves HTTP. */
  url?: string;
  /** The base URL of /metrics, /health and /ready when observability is enabled. */
  metricsUrl?: string;
  /** One of the app's providers: for tests that act on the real objects (its broker connection). */
  get?<T>(type: Abstract<T>): T;
  close(): Promise<void>;
}

export interface GatewayAppOptions {
  /** The Nest module of the app, built for this configuration. */
  module: Type<unknown> | DynamicModule;
  config: LoadedConfig;
  app: string;
  logger?: Logger;
  /** Serve HTTPS as well as consume queues. */
  https?: { options: MutualTlsServerOptions; host: string; port: number; bodyLimitBytes: number };
  /** Consume the queues of the app's @MessagePattern handlers. */
  consumesQueues: boolean;
}

/** Starts one gateway app: Nest wiring, AMQP consumers, optional HTTPS, clean shutdown on signals. */
export async function startGatewayApp(options: GatewayAppOptions): Promise<RunningApp> {
  const logger = options.logger ?? createLogger(options.app, options.config.logLevel);
  const nestLogger = new NestLoggerAdapter(logger);
  const tls = amqpClientTlsOf(options.config);
  // Consumers start after the container is built; the metrics are looked up once it is.
  let metrics: GatewayMetrics | undefined;
  let journal: JournalEmitter | undefined;
  const count = countOutcomes(() => metrics);
  const journalDeadLetter = journalDeadLetters(() => journal, logger);
  const transport = () =>
    new AmqpTransport({
      url: options.config.amqp.url,
      urls: options.config.amqp.urls,
      namespace: options.config.amqp.namespace,
      prefetch: options.config.amqp.prefetch,
      queueType: options.config.amqp.queueType,
      connectionName: `pcms-${options.app}`,
      errorPolicy: gatewayErrorPolicy,
      retry: options.config.amqp.retry,
      onOutcome: (outcome, message) => {
        count(outcome, message);
        journalDeadLetter(outcome, message);
      },
      connection: { tls, logger: messagingLoggerOf(logger) },
    });

  if (!options.https) {
    const app: INestMicroservice = await NestFactory.createMicroservice(options.module, {
      strategy: transport(),
      logger: nestLogger,
    });
    metrics = metricsOf(app);
    journal = journalOf(app);
    enableCleanShutdown(app);
    await app.listen();
    return {
      metricsUrl: observabilityUrlOf(app),
      get: (type) => app.get(type, { strict: false }),
      close: () => app.close(),
    };
  }

  // The adapter is given, not looked up: Nest would otherwise load it with a dynamic import().
  const app = await NestFactory.create<NestExpressApplication>(options.module, new ExpressAdapter(), {
    httpsOptions: options.https.options,
    logger: nestLogger,
    bodyParser: false,
  });
  metrics = metricsOf(app);
  journal = journalOf(app);
  // Signatures cover exact bytes: every door reads the raw body, bounded by the size limit. A
  // larger one reaches the door as `req.oversize`, which refuses it with a code and records it.
  app.use(boundedRawBody(options.https.bodyLimitBytes));
  enableCleanShutdown(app);
  if (options.consumesQueues) {
    app.connectMicroservice({ strategy: transport() }, { inheritAppConfig: true });
    await app.startAllMicroservices();
  }
  await app.listen(options.https.port, options.https.host);
  return {
    url: baseUrl(app, options.https.host),
    metricsUrl: observabilityUrlOf(app),
    get: (type) => app.get(type, { strict: false }),
    close: () => app.close(),
  };
}

/** An app built without RuntimeModule has no metrics: nothing is counted. */
function metricsOf(app: INestApplicationContext): GatewayMetrics | undefined {
  try {
    return app.get(GatewayMetrics, { strict: false });
  } catch {
    return undefined;
  }
}

/** An app without MessagingModule publishes no journal events. */
function journalOf(app: INestApplicationContext): JournalEmitter | undefined {
  try {
    return app.get(JournalEmitter, { strict: false }) ?? undefined;
  } catch {
    return undefined;
  }
}

function observabilityUrlOf(app: INestApplicationContext): string | undefined {
  try {
    return app.get(ObservabilityLifecycle, { strict: false }).url;
  } catch {
    return undefined;
  }
}

function baseUrl(app: INestApplication, host: string): string {
  const server = app.getHttpServer() as { address(): AddressInfo };
  const address = server.address();
  return `https://${host}:${address.port}`;
}
