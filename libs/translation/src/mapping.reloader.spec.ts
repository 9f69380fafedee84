import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MappingErrorCode } from '@pcms/mapping';
import { MappingRegistry } from './mapping.registry';
import { MappingReloader, type MappingRefusal } from './mapping.reloader';
import { MappingStatusBoard, type KeyValueStore } from './mapping-status.board';
import { TranslationErrorCode } from './translation.error';

const MAPPINGS = resolve(__dirname, '..', '..', '..', 'mappings');
const ID = 'person-wanted-to-red';

describe(MappingReloader.name, () => {
  let dir: string;
  let file: string;
  let registry: MappingRegistry;
  let refusals: MappingRefusal[];
  let loaded: string[];
  let withdrawn: MappingRefusal[];
  let sut: MappingReloader;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'reloader-'));
    await cp(join(MAPPINGS, ID), join(dir, ID), { recursive: true });
    file = join(dir, ID, 'mapping.yaml');
    registry = new MappingRegistry();
    refusals = [];
    loaded = [];
    withdrawn = [];
    sut = new MappingReloader(registry, dir, {
      intervalMs: 60_000, // the spec drives the polls itself
      events: {
        loaded: (mapping, previous) => loaded.push(`${previous?.version ?? '-'} -> ${mapping.version}`),
        refused: (refusal) => refusals.push(refusal),
        withdrawn: (refusal) => withdrawn.push(refusal),
      },
    });
    await sut.start(await registry.loadDirectory(dir));
  });

  afterEach(async () => {
    await sut.stop();
    await rm(dir, { recursive: true, force: true });
  });

  /** A change is applied once it stayed the same for one poll: two polls settle it. */
  const settle = async (): Promise<void> => {
    await sut.check();
    await sut.check();
  };
  const edit = async (change: (text: string) => string): Promise<void> =>
    writeFile(file, change(await readFile(file, 'utf8')));

  it('loads a changed mapping whose version changed and whose fixtures pass', async () => {
    await edit((text) => text.replace('version: 1.0.0', 'version: 1.1.0'));
    await sut.check();
    expect(registry.get(ID)?.version).toBe('1.0.0'); // not yet: the change must stay quiet one poll
    await sut.check();
    expect(registry.get(ID)?.version).toBe('1.1.0');
    expect(loaded).toEqual(['1.0.0 -> 1.1.0']);
    expect(sut.state()).toEqual({ loaded: [{ id: ID, version: '1.1.0', file }], refusals: [] });
  });

  it('keeps the running version when the file does not validate, and says where', async () => {
    await edit((text) => text.replace('version: 1.0.0', 'version: 1.1.0').replace('[trim]', '[trimm]'));
    await settle();
    expect(registry.get(ID)?.version).toBe('1.0.0');
    expect(refusals).toEqual([expect.objectContaining({ file, code: MappingErrorCode.TransformUnknown })]);
    expect(refusals[0].details[0]).toMatch(
      /mapping\.yaml:\d+:\d+ MAPPING_TRANSFORM_UNKNOWN: .*did you mean "trim"/u,
    );
  });

  it('keeps the running version when a fixture fails', async () => {
    await edit((text) =>
      text
        .replace('version: 1.0.0', 'version: 2.0.0')
        .replace(
          'to: subject.givenName, transform: [trim]',
          'to: subject.givenName, transform: [trim, upper]',
        ),
    );
    await settle();
    expect(registry.get(ID)?.version).toBe('1.0.0');
    expect(sut.state().refusals).toEqual([
      expect.objectContaining({
        code: TranslationErrorCode.ReloadFixturesFailed,
        mappingId: ID,
        version: '2.0.0',
      }),
    ]);
  });

  it('refuses changed rules under the same version, then accepts the bumped version and clears the refusal', async () => {
    await edit((text) => `${text}\n# a comment changes the text\n`);
    await settle();
    expect(refusals.map((refusal) => refusal.code)).toEqual([TranslationErrorCode.ReloadVersionUnchanged]);
    await edit((text) => text.replace('version: 1.0.0', 'version: 1.0.1'));
    await settle();
    expect(registry.get(ID)?.version).toBe('1.0.1');
    expect(sut.state().refusals).toEqual([]);
  });

  it('withdraws the refusal when the refused change is undone, and says so', async () => {
    const original = await readFile(file, 'utf8');
    await edit((text) => `${text}\n# a comment changes the text\n`);
    await settle();
    expect(sut.state().refusals).toHaveLength(1);
    await writeFile(file, original);
    await settle();
    expect(registry.get(ID)?.version).toBe('1.0.0');
    expect(loaded).toEqual([]);
    expect(sut.state().refusals).toEqual([]);
    expect(withdrawn).toEqual([
      expect.objectContaining({ file, code: TranslationErrorCode.ReloadVersionUnchanged }),
    ]);
  });

  it('refuses a new mapping without fixtures', async () => {
    await mkdir(join(dir, 'copy'));
    await writeFile(
      join(dir, 'copy', 'mapping.yaml'),
      (await readFile(file, 'utf8')).replace(`id: ${ID}`, 'id: copy-of-red'),
    );
    await settle();
    expect(registry.get('copy-of-red')).toBeUndefined();
    expect(refusals.map((refusal) => refusal.code)).toEqual([TranslationErrorCode.ReloadNoFixtures]);
  });

  it('publishes its state on a board that status reads back', async () => {
    const values = new Map<string, string>();
    const store: KeyValueStore = {
      set: (key, value) => Promise.resolve(values.set(key, value)),
      get: (key) => Promise.resolve(values.get(key) ?? null),
      keys: (pattern) =>
        Promise.resolve([...values.keys()].filter((key) => key.startsWith(pattern.replace('*', '')))),
    };
    const board = new MappingStatusBoard(store, 'pcms:test');
    await board.publish('i247-adapter', sut.state(), new Date('2026-11-25T10:00:00Z'));
    expect([...values.keys()]).toEqual(['pcms:test:mappings:i247-adapter']);
    await expect(board.read()).resolves.toEqual([
      {
        app: 'i247-adapter',
        at: '2026-11-25T10:00:00.000Z',
        loaded: [{ id: ID, version: '1.0.0', file }],
        refusals: [],
      },
    ]);
  });
});
