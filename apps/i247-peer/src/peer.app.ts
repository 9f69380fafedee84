import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import type { LoadedConfig } from '@pcms/config';
import { createLogger, NestLoggerAdapter, type Logger } from '@pcms/logging';
import { PEER_ID, PeerInbox } from '@pcms/peer';
import { enableCleanShutdown } from '@pcms/runtime';
import { httpsServerOptions } from '@pcms/signed-http';
import { PkiStore, SignatureVerifier } from '@pcms/trust';
import { PeerModule } from './peer.module';

export interface RunningPeer {
  /** Base URL, e.g. `https://127.0.0.1:9443`; notices are posted to `${url}/notices`. */
  url: string;
  close(): Promise<void>;
}

export interface StartPeerOptions {
  logger?: Logger;
  /** Close gracefully on SIGTERM/SIGINT: for the process, not for in-process tests. */
  shutdownHooks?: boolean;
}

/** Starts the I-24/7-like peer: HTTPS with mutual TLS, notices stored in `paths.peerInbox`. */
export async function startPeer(config: LoadedConfig, options: StartPeerOptions = {}): Promise<RunningPeer> {
  const logger = options.logger ?? createLogger('i247-peer', config.logLevel ?? 'info');
  const pki = PkiStore.open(config.paths.pki);
  const caPem = pki.caCertificatePem();
  const inbox = new PeerInbox(config.paths.peerInbox, new SignatureVerifier({ trustAnchorsPem: [caPem] }));

  // The adapter is given, not looked up: Nest would otherwise load it with a dynamic import().
  const app = await NestFactory.create<NestExpressApplication>(
    PeerModule.forInbox(inbox, logger),
    new ExpressAdapter(),
    {
      httpsOptions: httpsServerOptions(pki.credential(PEER_ID), caPem),
      // The signature covers the exact bytes: only a raw parser, whatever the content type.
      bodyParser: false,
      logger: new NestLoggerAdapter(logger),
    },
  );
  app.useBodyParser('raw', { type: () => true, limit: config.limits.maxMessageBytes });
  if (options.shutdownHooks) enableCleanShutdown(app);

  await app.listen(config.peer.http.port, config.peer.http.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `https://${config.peer.http.host}:${port}`;
  logger.info({ url, inbox: config.paths.peerInbox }, 'I-24/7-like peer listening');
  return { url, close: () => app.close() };
}
