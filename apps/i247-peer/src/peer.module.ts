import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { PeerInbox } from '@pcms/peer';
import { NoticesController } from './notices.controller';
import { PeerErrorFilter } from './peer-error.filter';

@Module({})
export class PeerModule {
  static forInbox(inbox: PeerInbox): DynamicModule {
    return {
      module: PeerModule,
      controllers: [NoticesController],
      providers: [
        { provide: PeerInbox, useValue: inbox },
        { provide: APP_FILTER, useClass: PeerErrorFilter },
      ],
    };
  }
}
