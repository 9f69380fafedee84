import { loadConfig } from '@pcms/config';
import type { Logger } from '@pcms/logging';
import type { KeyValueStore } from '@pcms/translation';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MappingHotReload } from './mapping-hot-reload';

const projectRoot = join(__dirname, '..', '..', '..');
const ID = 'person-wanted-to-red';
const quiet = { info: () => undefined, warn: () => undefined } as unknown as Logger;
const board: KeyValueStore = {
  set: () => Promise.resolve('OK'),
  get: () => Promise.resolve(null),
  keys: () => Promise.resolve([]),
};

describe(MappingHotReload.name, () => {
  let mappingsDir: string;
  let sut: MappingHotReload | undefined;

  beforeEach(async () => {
    mappingsDir = await mkdtemp(join(tmpdir(), 'pcms-hot-reload-'));
    await cp(join(projectRoot, 'mappings', ID), join(mappingsDir, ID), { recursive: true });
  });

  afterEach(async () => {
    await sut?.onApplicationShutdown();
    jest.restoreAllMocks();
    await rm(mappingsDir, { recursive: true, force: true });
  });

  it('polls the mappings folder every mappings.reloadPollMs and applies a new version', async () => {
    const config = loadConfig({
      rootDir: projectRoot,
      env: {},
      overrides: { mappingsDir, mappings: { reloadPollMs: 150 } },
    });
    const timers = jest.spyOn(global, 'setInterval');
    sut = await MappingHotReload.load('i247-adapter', config, quiet, board);
    await sut.onApplicationBootstrap();

    expect(timers).toHaveBeenCalledWith(expect.any(Function), 150);
    const file = join(mappingsDir, ID, 'mapping.yaml');
    await writeFile(file, (await readFile(file, 'utf8')).replace(/^version: 1\.0\.0$/mu, 'version: 1.1.0'));
    const deadline = Date.now() + 5000;
    while (sut.registry.get(ID)?.version !== '1.1.0' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(sut.registry.get(ID)?.version).toBe('1.1.0');
  });
});
