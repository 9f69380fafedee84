import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { JudicialPeerAttachments, JudicialPeerInbox } from '@pcms/judicial';
import type { Logger } from '@pcms/logging';
import { JudicialAttachmentsController } from './judicial-attachments.controller';
import { JudicialMessagesController, ON_REGISTERED, type OnRegistered } from './judicial-messages.controller';

const PEER_LOGGER = Symbol('JUDICIAL_PEER_LOGGER');

/** Says, like every gateway process, that a signal stopped the peer once its requests were done. */
@Injectable()
class JudicialPeerShutdownLog implements OnApplicationShutdown {
  constructor(@Inject(PEER_LOGGER) private readonly logger: Logger) {}

  onApplicationShutdown(signal?: string): void {
    if (signal) this.logger.info({ signal }, 'stopped cleanly / arrêt propre');
  }
}

@Module({})
export class JudicialPeerModule {
  static forInbox(
    inbox: JudicialPeerInbox,
    attachments: JudicialPeerAttachments,
    onRegistered: OnRegistered,
    logger: Logger,
  ): DynamicModule {
    return {
      module: JudicialPeerModule,
      controllers: [JudicialMessagesController, JudicialAttachmentsController],
      providers: [
        { provide: JudicialPeerInbox, useValue: inbox },
        { provide: JudicialPeerAttachments, useValue: attachments },
        { provide: ON_REGISTERED, useValue: onRegistered },
        { provide: PEER_LOGGER, useValue: logger },
        JudicialPeerShutdownLog,
      ],
    };
  }
}
