// Safe deployment of a mapping on the running gateway: a valid new version translates the next
// message (and the journal says which version did), a bad one is refused, logged and shown by
// `status` while the running version keeps translating.
import type { JournalTraceEntry } from '@pcms/journal';
import type { MappingStatus } from '@pcms/translation';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli-runner';
import { expectEventually } from '../support/expect-eventually';
import { personWanted } from '../support/fixtures';
import { GatewayHarness, PROJECT_ROOT } from '../support/gateway.harness';

jest.setTimeout(120_000);

const ID = 'person-wanted-to-red';

describe('mapping hot reload on the running gateway', () => {
  let gateway: GatewayHarness;
  let mappingsDir: string;
  let mappingFile: string;

  beforeAll(async () => {
    mappingsDir = await mkdtemp(join(tmpdir(), 'pcms-mappings-'));
    await cp(join(PROJECT_ROOT, 'mappings'), mappingsDir, { recursive: true });
    mappingFile = join(mappingsDir, ID, 'mapping.yaml');
    gateway = await GatewayHarness.create(__filename);
    Object.assign(gateway.config, { mappingsDir });
    Object.assign(gateway.config.paths, { mappings: mappingsDir });
    await gateway.startAll();
  });

  afterAll(async () => {
    await gateway.stop();
    await rm(mappingsDir, { recursive: true, force: true });
  });

  const cli = (...args: string[]) => runCli(gateway.config, ...args);

  /** Submits a RED-notice request as NP-ML and returns the mapping version the journal recorded. */
  const translatedVersion = async (): Promise<string> => {
    const message = personWanted({ recipients: ['INTERPOL'] });
    await gateway.platform('NP-ML').submit(message);
    return expectEventually(
      async () => {
        const trace = JSON.parse((await cli('trace', message.id, '--json')).output) as JournalTraceEntry[];
        const mapped = trace.find((entry) => entry.stage === 'mapped');
        expect(mapped).toBeDefined();
        const mapping = mapped?.details.mapping as { id: string; version: string };
        expect(mapping.id).toBe(ID);
        return mapping.version;
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
  };

  const adapterStatus = async (): Promise<MappingStatus> => {
    const status = JSON.parse((await cli('status', '--json')).output) as { mappings: MappingStatus[] | null };
    const adapter = status.mappings?.find((entry) => entry.app === 'i247-adapter');
    expect(adapter).toBeDefined();
    return adapter as MappingStatus;
  };

  const edit = async (change: (text: string) => string): Promise<void> =>
    writeFile(mappingFile, change(await readFile(mappingFile, 'utf8')));

  it('translates with the shipped version, then with a valid new version without restart', async () => {
    expect(await translatedVersion()).toBe('1.0.0');
    expect((await adapterStatus()).loaded).toContainEqual({ id: ID, version: '1.0.0', file: mappingFile });

    await edit((text) => text.replace(/^version: 1\.0\.0$/mu, 'version: 1.1.0'));
    await expectEventually(
      async () =>
        expect((await adapterStatus()).loaded).toContainEqual(
          expect.objectContaining({ id: ID, version: '1.1.0' }),
        ),
      { timeoutMs: 30_000, intervalMs: 300 },
    );
    expect(await translatedVersion()).toBe('1.1.0');
  });

  it('refuses a bad version: the running one keeps translating and status shows the refusal', async () => {
    await edit((text) =>
      text
        .replace(/^version: 1\.1\.0$/mu, 'version: 1.2.0')
        .replace('transform: [trim] }', 'transform: [trimm] }'),
    );
    const refusal = await expectEventually(
      async () => {
        const refused = (await adapterStatus()).refusals.find((entry) => entry.file === mappingFile);
        expect(refused).toBeDefined();
        return refused;
      },
      { timeoutMs: 30_000, intervalMs: 300 },
    );
    expect(refusal).toMatchObject({ code: 'MAPPING_TRANSFORM_UNKNOWN' });
    expect(refusal?.details.join('\n')).toMatch(/mapping\.yaml:\d+:\d+ .*did you mean "trim"/u);
    expect((await adapterStatus()).loaded).toContainEqual(
      expect.objectContaining({ id: ID, version: '1.1.0' }),
    );
    expect(await translatedVersion()).toBe('1.1.0');

    const text = (await cli('status')).output;
    expect(text).toContain('refused / refusée');
    expect(text).toContain('la version en service reste');
  });
});
