import { Module, type DynamicModule } from '@nestjs/common';
import type { LoadedConfig } from '@pcms/config';
import { MessagingModule } from '@pcms/messaging';
import { RuntimeModule } from '@pcms/runtime';
import { RoutingController } from './routing.controller';

const APP = 'router';

@Module({})
export class RouterModule {
  static forConfig(config: LoadedConfig): DynamicModule {
    return {
      module: RouterModule,
      imports: [
        RuntimeModule.forRoot(config, APP),
        MessagingModule.forRoot({ ...config.amqp, connectionName: `pcms-${APP}-publisher` }),
      ],
      controllers: [RoutingController],
    };
  }
}
