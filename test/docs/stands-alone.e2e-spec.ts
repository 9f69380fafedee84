// The product's files must stand alone (issue 11, defect 11): a user has this repository, not the
// folders beside it where it was written, so no README, doc, code comment, configuration or mapping
// may point outside it.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SELF = relative(ROOT, __filename);
// Spelled in pieces so that this file does not match its own search.
const OUTSIDE_POINTERS = [
  ['..', 'shared'].join('/'),
  ['shared', 'DESIGN'].join('/'),
  ['DESIGN', 'md'].join('.'),
];
const PRODUCT = /^(docs|apps|libs|config|mappings|scripts|bench|test)\/|\.md$|^package\.json$/;
const BINARY = /\.(bin|p7s|der|png|jpe?g|gif|sqlite)$/;

/** Tracked files and new ones not ignored: a pointer is caught before it is committed. */
function productFiles(): string[] {
  const listed = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  return [...new Set(listed.split('\0'))].filter(
    (file) => file !== '' && file !== SELF && PRODUCT.test(file) && !BINARY.test(file),
  );
}

describe('the product stands alone', () => {
  it('lists the product files it checks', () => {
    const files = productFiles();

    expect(files).toEqual(expect.arrayContaining(['README.md', 'docs/overview.md', 'config/policy.yaml']));
    expect(files.some((file) => file.startsWith('mappings/'))).toBe(true);
  });

  it('no product file points at the folders beside the repository', () => {
    const pointers = productFiles().flatMap((file) => {
      let text: string;
      try {
        text = readFileSync(join(ROOT, file), 'utf8');
      } catch {
        return []; // listed but removed in the working tree
      }
      return text
        .split('\n')
        .flatMap((line, index) =>
          OUTSIDE_POINTERS.some((pointer) => line.includes(pointer))
            ? [`${file}:${index + 1}: ${line.trim()}`]
            : [],
        );
    });

    expect(pointers).toEqual([]);
  });

  it('the README links the overview, which exists', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

    expect(readme).toContain('](docs/overview.md)');
    expect(readFileSync(join(ROOT, 'docs', 'overview.md'), 'utf8')).toMatch(/^# pcms-gateway: overview/);
  });
});
