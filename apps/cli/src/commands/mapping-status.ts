import type { LoadedConfig } from '@pcms/config';
import { MappingStatusBoard, type MappingStatus } from '@pcms/translation';
import { Redis } from 'ioredis';
import { say } from '../cli.context';

/**
 * What each translating process published about its mappings (loaded versions, refused
 * changes); `null` when Redis cannot be reached, so that `status` still shows the rest.
 */
export async function readMappingStatuses(config: LoadedConfig): Promise<MappingStatus[] | null> {
  const redis = new Redis(config.redis.url, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    connectTimeout: 3000,
    retryStrategy: () => null,
  });
  try {
    await redis.connect();
    return await new MappingStatusBoard(redis, config.redis.keyPrefix).read();
  } catch {
    return null;
  } finally {
    redis.disconnect();
  }
}

export function printMappingStatuses(statuses: MappingStatus[] | null): void {
  if (statuses === null) {
    say('Mappings: unknown (Redis unreachable)', 'Correspondances : inconnues (Redis injoignable)');
    return;
  }
  if (statuses.length === 0) {
    say(
      'Mappings: no translating process has reported',
      'Correspondances : aucun processus n’a rendu compte',
    );
  }
  for (const status of statuses) {
    say(
      `Mappings of ${status.app} (${status.loaded.length} loaded, ${status.refusals.length} refused changes, at ${status.at}):`,
      `Correspondances de ${status.app} (${status.loaded.length} chargées, ${status.refusals.length} modifications refusées, à ${status.at}) :`,
    );
    for (const mapping of status.loaded)
      process.stdout.write(`  ${mapping.id.padEnd(40)} ${mapping.version}\n`);
    for (const refusal of status.refusals) {
      const which = refusal.mappingId ? ` ${refusal.mappingId}@${refusal.version ?? '?'}` : '';
      say(
        `  refused / refusée${which} ${refusal.file}: ${refusal.code}: ${refusal.reason} (${refusal.at})`,
        `    the running version stays / la version en service reste`,
      );
      for (const detail of refusal.details)
        process.stdout.write(`      ${detail.split('\n').join('\n      ')}\n`);
    }
  }
}
