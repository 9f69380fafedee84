import type { OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { LoadedConfig } from '@pcms/config';
import type { Logger } from '@pcms/logging';
import {
  FormatRegistry,
  MappingRegistry,
  MappingReloader,
  MappingStatusBoard,
  type KeyValueStore,
  type MappingLoadReport,
} from '@pcms/translation';
import { MappingParser } from '@pcms/mapping';

/**
 * The mappings this process translates with, changed without restart only when a new version
 * validates and passes its fixtures (MappingReloader). What is loaded and what was refused is
 * logged and published in Redis, where `status` reads it.
 *
 * Runs in every instance, without a lease (issue 12): the registry is this process's memory, so
 * each instance must watch the folder itself; each publishes under its own name (`i247-adapter#2`),
 * so that `status` shows an instance that refused what another took.
 */
export class MappingHotReload implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly reloader: MappingReloader;
  private readonly board: MappingStatusBoard;

  private constructor(
    readonly registry: MappingRegistry,
    private readonly initial: MappingLoadReport,
    private readonly app: string,
    private readonly logger: Logger,
    config: LoadedConfig,
    redis: KeyValueStore,
  ) {
    this.board = new MappingStatusBoard(redis, config.redis.keyPrefix);
    this.reloader = new MappingReloader(registry, config.paths.mappings, {
      intervalMs: config.mappings.reloadPollMs,
      events: {
        loaded: (mapping, previous) => {
          logger.info(
            { mapping: mapping.id, version: mapping.version, previous: previous?.version },
            'mapping reloaded: new messages use this version / correspondance rechargée : les nouveaux messages utilisent cette version',
          );
          void this.publish();
        },
        refused: (refusal) => {
          logger.warn(
            {
              file: refusal.file,
              mapping: refusal.mappingId,
              version: refusal.version,
              code: refusal.code,
              reason: refusal.reason,
            },
            'mapping change refused, the running version stays / modification de correspondance refusée, la version en service reste',
          );
          void this.publish();
        },
        withdrawn: (refusal) => {
          logger.info(
            { file: refusal.file, mapping: refusal.mappingId, code: refusal.code },
            'refused mapping change undone: the file matches the running version again / modification refusée annulée : le fichier correspond de nouveau à la version en service',
          );
          void this.publish();
        },
      },
    });
  }

  static async load(
    app: string,
    config: LoadedConfig,
    logger: Logger,
    redis: KeyValueStore,
  ): Promise<MappingHotReload> {
    const registry = new MappingRegistry(new MappingParser(FormatRegistry.withDefaults().known()));
    const report = await registry.loadDirectory(config.paths.mappings);
    logger.info(
      {
        loaded: report.loaded.map((mapping) => `${mapping.id}@${mapping.version}`),
        failed: report.failed.map(({ file, error }) => ({ file, code: error.code, reason: error.message })),
      },
      'mappings loaded / correspondances chargées',
    );
    return new MappingHotReload(registry, report, app, logger, config, redis);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.reloader.start(this.initial);
    await this.publish();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.reloader.stop();
  }

  /** Redis down must not stop translations: the state is logged anyway. */
  private async publish(): Promise<void> {
    try {
      await this.board.publish(this.app, this.reloader.state());
    } catch (error: unknown) {
      this.logger.warn(
        { reason: error instanceof Error ? error.message : String(error) },
        'mapping status not published / état des correspondances non publié',
      );
    }
  }
}
