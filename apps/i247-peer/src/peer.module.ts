import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { Logger } from '@pcms/logging';
import { PeerInbox } from '@pcms/peer';
import { NoticesController } from './notices.controller';
import { PeerErrorFilter } from './peer-error.filter';

const PEER_LOGGER = Symbol('PEER_LOGGER');

/** Says, like every gateway process, that a signal stopped the peer once its requests were done. */
@Injectable()
class PeerShutdownLog implements OnApplicationShutdown {
  constructor(@Inject(PEER_LOGGER) private readonly logger: Logger) {}

  onApplicationShutdown(signal?: string): void {
    // Without a signal the peer was closed in-process (tests): nothing to tell an operator.
    if (signal) this.logger.info({ signal }, 'stopped cleanly / arrêt propre');
  }
}

@Module({})
export class PeerModule {
  static forInbox(inbox: PeerInbox, logger: Logger): DynamicModule {
    return {
      module: PeerModule,
      controllers: [NoticesController],
      providers: [
        { provide: PeerInbox, useValue: inbox },
        { provide: PEER_LOGGER, useValue: logger },
        { provide: APP_FILTER, useClass: PeerErrorFilter },
        PeerShutdownLog,
      ],
    };
  }
}
