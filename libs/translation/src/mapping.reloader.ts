import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { MappingError, MappingParser, type Mapping } from '@pcms/mapping';
import { runFixturesOf } from './fixture.runner';
import { FormatRegistry } from './format.registry';
import type { MappingLoadReport, MappingRegistry } from './mapping.registry';
import { formatIssue, mappingFilesIn } from './mapping.validator';
import { TranslationErrorCode } from './translation.error';

/** A mapping file the running process refused; the version already loaded (if any) stays. */
export interface MappingRefusal {
  file: string;
  mappingId?: string;
  version?: string;
  code: string;
  reason: string;
  /** Each issue (`file:line:column CODE: reason`) or failing fixture. */
  details: string[];
  at: string;
}

export interface MappingsState {
  loaded: { id: string; version: string; file: string }[];
  refusals: MappingRefusal[];
}

export interface MappingReloadEvents {
  loaded?(mapping: Mapping, previous: Mapping | undefined): void;
  refused?(refusal: MappingRefusal): void;
  /** A refused file is back to what runs (the change was undone): its refusal no longer holds. */
  withdrawn?(refusal: MappingRefusal): void;
}

export interface MappingReloaderOptions {
  formats?: FormatRegistry;
  events?: MappingReloadEvents;
  /**
   * How often the folder is looked at (`mappings.reloadPollMs`); a change is applied once it stayed
   * the same for one interval.
   */
  intervalMs: number;
  now?: () => Date;
}

/**
 * Hot reload without risk: a changed `mapping.yaml` (or its fixtures) replaces the running mapping
 * only if it validates, has fixtures, all of them pass, and its version changed with its rules.
 * Otherwise the refusal is recorded and the running version keeps translating. The folder is
 * polled (stat only) rather than watched: fs.watch misses renames made by editors and network
 * file systems, and a poll that waits for one quiet interval is its own debounce.
 */
export class MappingReloader {
  private readonly formats: FormatRegistry;
  private readonly parser: MappingParser;
  private readonly now: () => Date;
  /** Per mapping folder: the stat signature applied or refused last, and the one seen last poll. */
  private readonly settled = new Map<string, string>();
  private readonly seen = new Map<string, string>();
  /** Per mapping file: the digest of the text the running mapping came from. */
  private readonly digests = new Map<string, string>();
  private readonly refusals = new Map<string, MappingRefusal>();
  private timer?: NodeJS.Timeout;
  private checking?: Promise<void>;

  constructor(
    private readonly registry: MappingRegistry,
    private readonly dir: string,
    private readonly options: MappingReloaderOptions,
  ) {
    this.formats = options.formats ?? FormatRegistry.withDefaults();
    this.parser = new MappingParser(this.formats.known());
    this.now = options.now ?? (() => new Date());
  }

  /** Takes the start-up load as the baseline (its failures are refusals), then polls. */
  async start(initial: MappingLoadReport): Promise<void> {
    for (const mapping of initial.loaded) this.digests.set(mapping.file, await digestOf(mapping.file));
    for (const { file, error } of initial.failed) this.refuse(file, undefined, fromMappingError(error));
    for (const file of await mappingFilesIn(this.dir)) {
      const signature = await folderSignature(dirname(file));
      this.settled.set(file, signature);
      this.seen.set(file, signature);
    }
    this.timer = setInterval(() => void this.check(), this.options.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.checking;
  }

  /** One poll (also called by tests); polls never overlap. */
  async check(): Promise<void> {
    this.checking ??= this.poll().finally(() => (this.checking = undefined));
    return this.checking;
  }

  state(): MappingsState {
    return {
      loaded: this.registry
        .list()
        .map(({ id, version, file }) => ({ id, version, file }))
        .sort((a, b) => a.id.localeCompare(b.id)),
      refusals: [...this.refusals.values()].sort((a, b) => a.file.localeCompare(b.file)),
    };
  }

  private async poll(): Promise<void> {
    const files = await mappingFilesIn(this.dir).catch(() => [] as string[]);
    for (const file of files) {
      const signature = await folderSignature(dirname(file)).catch(() => undefined);
      if (signature === undefined) continue;
      const quiet = this.seen.get(file) === signature;
      this.seen.set(file, signature);
      if (!quiet || this.settled.get(file) === signature) continue;
      this.settled.set(file, signature);
      await this.evaluate(file);
    }
  }

  private async evaluate(file: string): Promise<void> {
    let text: string;
    let candidate: Mapping;
    try {
      text = await readFile(file, 'utf8');
      candidate = this.parser.parse(text, file);
    } catch (error: unknown) {
      if (error instanceof MappingError) this.refuse(file, undefined, fromMappingError(error));
      return;
    }
    const running = this.registry.get(candidate.id);
    const digest = sha256(text);
    if (running && running.file !== file) {
      return this.refuse(file, candidate, {
        code: TranslationErrorCode.ReloadIdTaken,
        reason: `id ${candidate.id} is already loaded from ${running.file}`,
        details: [],
      });
    }
    if (running && running.version === candidate.version && this.digests.get(file) !== digest) {
      return this.refuse(file, candidate, {
        code: TranslationErrorCode.ReloadVersionUnchanged,
        reason: `the rules changed but the version is still ${candidate.version}: bump it`,
        details: [],
      });
    }
    const fixtures = await runFixturesOf(candidate, this.formats);
    const failed = fixtures.filter((fixture) => !fixture.passed);
    if (fixtures.length === 0 || failed.length > 0) {
      return this.refuse(file, candidate, {
        code:
          fixtures.length === 0
            ? TranslationErrorCode.ReloadNoFixtures
            : TranslationErrorCode.ReloadFixturesFailed,
        reason:
          fixtures.length === 0
            ? 'no fixture proves this mapping'
            : `${failed.length} of ${fixtures.length} fixtures fail`,
        details: failed.map((fixture) => `${fixture.name}: ${fixture.error ?? fixture.diff ?? ''}`),
      });
    }
    const withdrawn = this.refusals.get(file);
    this.refusals.delete(file);
    this.digests.set(file, digest);
    if (running?.version === candidate.version && running.file === file) {
      // Nothing to load, but whoever shows the refusal (status) must stop showing it.
      if (withdrawn) this.options.events?.withdrawn?.(withdrawn);
      return;
    }
    this.registry.register(candidate);
    this.options.events?.loaded?.(candidate, running);
  }

  private refuse(
    file: string,
    candidate: Mapping | undefined,
    why: Pick<MappingRefusal, 'code' | 'reason' | 'details'>,
  ): void {
    const refusal: MappingRefusal = {
      file,
      ...(candidate ? { mappingId: candidate.id, version: candidate.version } : {}),
      ...why,
      at: this.now().toISOString(),
    };
    this.refusals.set(file, refusal);
    this.options.events?.refused?.(refusal);
  }
}

function fromMappingError(error: MappingError): Pick<MappingRefusal, 'code' | 'reason' | 'details'> {
  return { code: error.code, reason: error.reason, details: error.issues.map(formatIssue) };
}

/** Names, sizes and modification times of the mapping file and its fixtures: cheap to poll. */
async function folderSignature(folder: string): Promise<string> {
  const parts: string[] = [];
  for (const relative of ['mapping.yaml', ...(await fixtureFiles(folder))]) {
    const info = await stat(join(folder, relative));
    parts.push(`${relative}:${info.size}:${info.mtimeMs}`);
  }
  return parts.join('|');
}

async function fixtureFiles(folder: string): Promise<string[]> {
  const names = await readdir(join(folder, 'fixtures')).catch(() => [] as string[]);
  return names.sort().map((name) => join('fixtures', name));
}

async function digestOf(file: string): Promise<string> {
  return sha256(await readFile(file, 'utf8'));
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
