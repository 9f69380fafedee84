// Every app makes the payload key on first use, and `npm start` starts them together: a process
// that read the file between another's create and write got an empty key and stopped
// ("does not hold 32 base64 bytes"; CI, test/start). Several real processes race on fresh folders.
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expectEventually } from '../support/expect-eventually';
import { PROJECT_ROOT } from '../support/harness-config';

const run = promisify(execFile);
const PROCESSES = 4;
const FOLDERS = 300;

describe('the payload key made on first use by processes starting together', () => {
  const root = mkdtempSync(join(tmpdir(), 'pcms-key-race-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('gives every process the same whole key, and none an error', async () => {
    const folders = Array.from({ length: FOLDERS }, (_, index) => join(root, `data-${index}`));
    for (const folder of folders) mkdirSync(folder);
    const startFile = join(root, 'start');
    const children = Array.from({ length: PROCESSES }, () =>
      run(
        process.execPath,
        [
          join(PROJECT_ROOT, 'test/platform-client/run-ts.js'),
          join(__dirname, 'payload-key.child.ts'),
          startFile,
          ...folders,
        ],
        { maxBuffer: 16 << 20 },
      ),
    );
    await expectEventually(
      () =>
        expect(readdirSync(root).filter((name) => name.startsWith('start.ready.'))).toHaveLength(PROCESSES),
      { timeoutMs: 30_000 },
    );
    writeFileSync(startFile, '');
    const results = (await Promise.all(children)).map(({ stdout }) => JSON.parse(stdout) as string[]);

    const errors = results.flat().filter((key) => key.startsWith('error'));
    expect(errors).toEqual([]);
    for (let index = 0; index < FOLDERS; index += 1) {
      const keys = new Set(results.map((perProcess) => perProcess[index]));
      expect(keys.size).toBe(1);
      expect([...keys][0]).toMatch(/^[0-9a-f]{64}$/);
      expect(readdirSync(folders[index])).toEqual(['journal.key']);
    }
  });
});
