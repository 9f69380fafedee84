import type { MappingsState } from './mapping.reloader';

/** What a translating process publishes about its mappings, for `status` on any machine. */
export interface MappingStatus extends MappingsState {
  app: string;
  /** When the process published this state (it does at start and after every change or refusal). */
  at: string;
}

/** The few Redis commands the board needs (ioredis fits), so this lib stays free of a client. */
export interface KeyValueStore {
  set(key: string, value: string): Promise<unknown>;
  get(key: string): Promise<string | null>;
  keys(pattern: string): Promise<string[]>;
}

/**
 * The loaded mappings and refusals of each translating process, one key per app under the
 * deployment's Redis prefix: `<prefix>:mappings:<app>`.
 */
export class MappingStatusBoard {
  constructor(
    private readonly store: KeyValueStore,
    private readonly prefix: string,
  ) {}

  async publish(app: string, state: MappingsState, at: Date = new Date()): Promise<void> {
    const status: MappingStatus = { app, at: at.toISOString(), ...state };
    await this.store.set(this.key(app), JSON.stringify(status));
  }

  /** Every app's status, by app name; an unreadable entry is skipped rather than failing `status`. */
  async read(): Promise<MappingStatus[]> {
    const keys = (await this.store.keys(this.key('*'))).sort();
    const statuses: MappingStatus[] = [];
    for (const key of keys) {
      const text = await this.store.get(key);
      try {
        if (text !== null) statuses.push(JSON.parse(text) as MappingStatus);
      } catch {
        continue;
      }
    }
    return statuses;
  }

  private key(app: string): string {
    return `${this.prefix}:mappings:${app}`;
  }
}
