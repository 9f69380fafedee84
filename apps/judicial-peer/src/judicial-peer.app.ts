import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import type { LoadedConfig } from '@pcms/config';
import {
  answerReceived,
  JUDICIAL_MESSAGES_PATH,
  JUDICIAL_PEER_ID,
  JudicialPeerAttachments,
  judicialPeerAttachmentsOf,
  JudicialPeerInbox,
  judicialPeerInboxOf,
  type JudicialMessage,
} from '@pcms/judicial';
import { createLogger, NestLoggerAdapter, type Logger } from '@pcms/logging';
import { enableCleanShutdown } from '@pcms/runtime';
import { httpsServerOptions } from '@pcms/signed-http';
import { PkiStore, SignatureVerifier } from '@pcms/trust';
import { JudicialPeerModule } from './judicial-peer.module';

export interface RunningJudicialPeer {
  /** Base URL, e.g. `https://127.0.0.1:9445`; the gateway posts to `${url}/judicial/messages`. */
  url: string;
  inbox: JudicialPeerInbox;
  /** Settles once every automatic answer started so far has been sent or has failed (tests). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

export interface StartJudicialPeerOptions {
  logger?: Logger;
  /** Close gracefully on SIGTERM/SIGINT: for the process, not for in-process tests. */
  shutdownHooks?: boolean;
}

/**
 * Starts the local judicial peer: HTTPS with mutual TLS on `judicialPeer.http`, its own
 * certificate JUDICIAL-PEER, what the gateway delivers kept in `judicialPeer.inboxDir`; with
 * `judicialPeer.autoReceive`, a new request is answered RECEIVED as its requested authority.
 */
export async function startJudicialPeer(
  config: LoadedConfig,
  options: StartJudicialPeerOptions = {},
): Promise<RunningJudicialPeer> {
  const logger = options.logger ?? createLogger('judicial-peer', config.logLevel ?? 'info');
  const pki = PkiStore.open(config.paths.pki);
  const caPem = pki.caCertificatePem();
  const inboxDir = judicialPeerInboxOf(config);
  const inbox = new JudicialPeerInbox(inboxDir, new SignatureVerifier({ trustAnchorsPem: [caPem] }), {
    maxJsonDepth: config.limits.maxJsonDepth,
  });
  const pending = new Set<Promise<void>>();
  const onRegistered = (message: JudicialMessage): void => {
    logger.info(
      { messageId: message.id, type: message.type, from: message.from },
      'judicial message registered / message judiciaire enregistré',
    );
    if (!config.judicialPeer.autoReceive) return;
    const answering = autoReceive(message, config, pki, caPem, logger).finally(() =>
      pending.delete(answering),
    );
    pending.add(answering);
  };

  const app = await NestFactory.create<NestExpressApplication>(
    JudicialPeerModule.forInbox(
      inbox,
      new JudicialPeerAttachments(judicialPeerAttachmentsOf(config)),
      onRegistered,
      logger,
    ),
    new ExpressAdapter(),
    {
      httpsOptions: httpsServerOptions(pki.credential(JUDICIAL_PEER_ID), caPem),
      // The signature covers the exact bytes: only a raw parser, whatever the content type.
      bodyParser: false,
      logger: new NestLoggerAdapter(logger),
    },
  );
  app.useBodyParser('raw', { type: () => true, limit: config.limits.maxMessageBytes });
  if (options.shutdownHooks) enableCleanShutdown(app);

  await app.listen(config.judicialPeer.http.port, config.judicialPeer.http.host);
  const { port } = app.getHttpServer().address() as AddressInfo;
  const url = `https://${config.judicialPeer.http.host}:${port}`;
  logger.info(
    { url: `${url}${JUDICIAL_MESSAGES_PATH}`, inbox: inboxDir, autoReceive: config.judicialPeer.autoReceive },
    'judicial peer listening / pair judiciaire à l’écoute',
  );
  return {
    url,
    inbox,
    idle: async () => {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
    close: async () => {
      await Promise.allSettled([...pending]);
      await app.close();
    },
  };
}

/** The demo's RECEIVED, after the 202: the gateway's delivery never waits on its own door. */
async function autoReceive(
  message: JudicialMessage,
  config: LoadedConfig,
  pki: PkiStore,
  caPem: string,
  logger: Logger,
): Promise<void> {
  try {
    const outcome = await answerReceived(message, {
      doorUrl: config.judicialPeer.gatewayUrl,
      caPem,
      credentialOf: (id) => (pki.has(id) ? pki.credential(id) : undefined),
      timeoutMs: config.judicialAdapter.delivery.timeoutMs,
    });
    if (!outcome.sent) {
      if (outcome.reason === 'no-key') {
        logger.warn(
          { messageId: message.id, authority: outcome.authority },
          'no key for the requested authority in the PKI: no automatic RECEIVED (pcms pki init) / pas de clé pour l’autorité requise : pas de RECEIVED automatique',
        );
      }
      return;
    }
    const { status, answer } = outcome;
    const fields = {
      messageId: status.id,
      correlationId: status.payload.requestId,
      authority: status.from,
      answer: answer.status,
      code: answer.body.code,
    };
    if (answer.status < 300)
      logger.info(fields, 'RECEIVED sent to the gateway / RECEIVED envoyé à la passerelle');
    else logger.warn(fields, 'the gateway refused the RECEIVED / la passerelle a refusé le RECEIVED');
  } catch (error: unknown) {
    logger.warn(
      { messageId: message.id, err: error },
      'the gateway’s judicial door did not answer: no automatic RECEIVED / la porte judiciaire n’a pas répondu',
    );
  }
}
