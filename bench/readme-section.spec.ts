import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { replaceReadmeSection } from './readme-section';

describe(replaceReadmeSection.name, () => {
  let dir: string;
  let readme: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pcms-readme-section-'));
    readme = join(dir, 'README.md');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('replaces only what lies between its own markers', () => {
    writeFileSync(
      readme,
      '# Title\n\n<!-- bench:start -->\n\nold bench\n<!-- bench:end -->\n\n<!-- chaos:start -->\nold chaos\n<!-- chaos:end -->\n\ntail\n',
    );

    replaceReadmeSection(readme, 'chaos', 'new chaos\n');

    expect(readFileSync(readme, 'utf8')).toBe(
      '# Title\n\n<!-- bench:start -->\n\nold bench\n<!-- bench:end -->\n\n<!-- chaos:start -->\n\nnew chaos\n<!-- chaos:end -->\n\ntail\n',
    );
  });

  it('appends a missing section under its heading, and creates a missing file', () => {
    writeFileSync(readme, '# Title\n');
    replaceReadmeSection(readme, 'bench-search', 'figures', '## Search');
    expect(readFileSync(readme, 'utf8')).toBe(
      '# Title\n\n## Search\n\n<!-- bench-search:start -->\n\nfigures\n<!-- bench-search:end -->\n',
    );

    rmSync(readme);
    replaceReadmeSection(readme, 'bench', 'figures');
    expect(readFileSync(readme, 'utf8')).toBe('<!-- bench:start -->\n\nfigures\n<!-- bench:end -->\n');
  });
});
