// `pcms dlq replay` of a judicial delivery: the dead letter keeps the sender's bytes, the gateway's
// signature and the authority it failed for; the job is rebuilt with that authority's endpoint as
// the directory says now (an operator may have corrected it), and queued again with fresh attempts.
import type { LoadedConfig } from '@pcms/config';
import type { JudicialDeliveryRequeue } from '@pcms/dead-letters';
import { isAbsolute, join } from 'node:path';
import { loadJudicialDirectory } from '../directory/directory.reader';
import type { JudicialDirectory } from '../directory/judicial-directory';
import { JUDICIAL_MESSAGE_TYPES, type JudicialMessageType } from '../wire/judicial-message';
import { judicialDeliveryQueue, type JudicialDeliveryQueue } from './judicial-delivery.queue';
import { endpointOf, type DefaultEndpoint } from './judicial-dispatcher';

export interface JudicialRequeueOptions {
  deliveries: JudicialDeliveryQueue;
  directory: JudicialDirectory;
  defaultEndpoint: DefaultEndpoint;
}

export function judicialRequeue(options: JudicialRequeueOptions): JudicialDeliveryRequeue {
  return (letter) => {
    const { type } = JSON.parse(letter.body.toString('utf8')) as { type?: unknown };
    const messageType = (JUDICIAL_MESSAGE_TYPES as readonly unknown[]).includes(type)
      ? (type as JudicialMessageType)
      : 'judicial.request';
    const { url, serverId } = endpointOf(options.directory, options.defaultEndpoint, letter.destination);
    return options.deliveries.enqueue({
      messageId: letter.messageId,
      ...(letter.correlationId ? { correlationId: letter.correlationId } : {}),
      messageType,
      authorityId: letter.destination,
      url,
      serverId,
      body: letter.body.toString('utf8'),
      signatureB64: letter.signatureB64,
      rule: letter.rule ?? 'replayed',
    });
  };
}

/**
 * For a process that replays dead letters (`pcms dlq replay`): the judicial delivery queue of the
 * profile, and the directory read on the first replay only (a CLI call that replays nothing judicial
 * does not read it). `close()` releases the queue's Redis connections.
 */
export function judicialRequeueFromConfig(config: LoadedConfig): {
  requeue: JudicialDeliveryRequeue;
  close(): Promise<void>;
} {
  const deliveries = judicialDeliveryQueue(config);
  const { directoryFile, defaultEndpoint, defaultEndpointId } = config.judicialAdapter;
  const file = isAbsolute(directoryFile) ? directoryFile : join(config.paths.root, directoryFile);
  let requeue: Promise<JudicialDeliveryRequeue> | undefined;
  return {
    requeue: async (letter) => {
      requeue ??= loadJudicialDirectory(file).then((directory) =>
        judicialRequeue({
          deliveries,
          directory,
          defaultEndpoint: { url: defaultEndpoint, serverId: defaultEndpointId },
        }),
      );
      return (await requeue)(letter);
    },
    close: () => deliveries.close(),
  };
}
