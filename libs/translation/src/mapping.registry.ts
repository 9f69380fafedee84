import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { Mapping, MappingError, MappingParser } from '@pcms/mapping';

export const MAPPING_FILE = 'mapping.yaml';

export interface MappingLoadReport {
  loaded: Mapping[];
  /** Files that did not load; a mapping already registered under the same id stays in place. */
  failed: { file: string; error: MappingError }[];
}

export interface MappingQuery {
  from: string;
  to: string;
  type?: string;
}

/** The loaded mappings, by id; a bad file never replaces a good mapping. */
export class MappingRegistry {
  private readonly mappings = new Map<string, Mapping>();

  constructor(private readonly parser: MappingParser = new MappingParser()) {}

  /** Loads `<dir>/<name>/mapping.yaml` for every sub-directory, in name order. */
  async loadDirectory(dir: string): Promise<MappingLoadReport> {
    const entries = await readdir(dir, { withFileTypes: true });
    const report: MappingLoadReport = { loaded: [], failed: [] };
    const folders = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    for (const folder of folders.sort()) {
      const file = join(dir, folder, MAPPING_FILE);
      const found = await readdir(join(dir, folder));
      if (!found.includes(MAPPING_FILE)) continue;
      try {
        const mapping = await this.parser.parseFile(file);
        this.register(mapping);
        report.loaded.push(mapping);
      } catch (error: unknown) {
        if (!(error instanceof MappingError)) throw error;
        report.failed.push({ file, error });
      }
    }
    return report;
  }

  register(mapping: Mapping): void {
    this.mappings.set(mapping.id, mapping);
  }

  get(id: string): Mapping | undefined {
    return this.mappings.get(id);
  }

  list(): Mapping[] {
    return [...this.mappings.values()];
  }

  /** The mapping for a format pair; one declared for the exact type wins over a type-less one. */
  find({ from, to, type }: MappingQuery): Mapping | undefined {
    const candidates = this.list().filter(
      (mapping) =>
        mapping.source.format === from &&
        mapping.target.format === to &&
        (mapping.source.type === undefined || mapping.source.type === type),
    );
    return candidates.find((mapping) => mapping.source.type === type) ?? candidates[0];
  }
}
