// Routing and delivery of the judicial network, as the module's providers: the policy's judicial
// rules (checked against the directory's networks, so a misspelt one stops the start with its line),
// the mappings (the INTERPOL channel's DIFFUSION), both delivery queues and the dispatcher.
import type { Provider } from '@nestjs/common';
import { loadPolicy, type LoadedConfig } from '@pcms/config';
import { DeliveryQueue, type NoticeDeliveryJob } from '@pcms/delivery';
import {
  JudicialDispatcher,
  judicialDeliveryQueue,
  type JudicialDirectory,
  type JudicialDeliveryQueue,
  type JudicialStore,
} from '@pcms/judicial';
import type { Logger } from '@pcms/logging';
import { APP_LOGGER, GATEWAY_SIGNER } from '@pcms/runtime';
import { MappingRegistry, Translator } from '@pcms/translation';
import type { CmsSigner } from '@pcms/trust';
import { JUDICIAL_STORE } from './judicial-adapter.tokens';
import { JudicialDeliveryWorker } from './judicial-delivery.worker';
import { I247_DELIVERIES, JUDICIAL_DELIVERIES, JUDICIAL_ROUTING_RULES } from './judicial-routing.tokens';

export function judicialRoutingProviders(config: LoadedConfig, directory: JudicialDirectory): Provider[] {
  return [
    {
      provide: JUDICIAL_ROUTING_RULES,
      useFactory: () =>
        loadPolicy({
          rootDir: config.paths.root,
          judicialNetworks: directory.networks.map((network) => network.id),
        }).judicial,
    },
    {
      provide: JUDICIAL_DELIVERIES,
      inject: [APP_LOGGER],
      useFactory: (logger: Logger) => judicialDeliveryQueue(config, logger),
    },
    {
      provide: I247_DELIVERIES,
      inject: [APP_LOGGER],
      useFactory: (logger: Logger): DeliveryQueue<NoticeDeliveryJob> =>
        DeliveryQueue.fromConfig(config, logger),
    },
    {
      provide: Translator,
      useFactory: async () => {
        const mappings = new MappingRegistry();
        await mappings.loadDirectory(config.paths.mappings);
        return new Translator(mappings);
      },
    },
    {
      provide: JudicialDispatcher,
      inject: [JUDICIAL_DELIVERIES, I247_DELIVERIES, GATEWAY_SIGNER, Translator, JUDICIAL_STORE],
      useFactory: (
        deliveries: JudicialDeliveryQueue,
        interpol: DeliveryQueue<NoticeDeliveryJob>,
        signer: CmsSigner,
        translator: Translator,
        store: JudicialStore,
      ) =>
        new JudicialDispatcher({
          deliveries,
          interpol,
          signer,
          directory,
          translator,
          store,
          defaultEndpoint: {
            url: config.judicialAdapter.defaultEndpoint,
            serverId: config.judicialAdapter.defaultEndpointId,
          },
        }),
    },
    JudicialDeliveryWorker,
  ];
}
