import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isMap, parseDocument, type Document } from 'yaml';
import { ConfigError, ConfigErrorCode } from './config.error';
import { loadConfig } from './config.loader';

const projectRoot = join(__dirname, '..', '..', '..');
const shipped = readFileSync(join(projectRoot, 'config', 'demo.yaml'), 'utf8');

/** Every dotted key of the shipped demo profile whose value is a section (a mapping of keys). */
function sectionsOf(document: Document): string[] {
  const walk = (node: unknown, prefix: string): string[] =>
    isMap(node)
      ? node.items.flatMap((pair) => {
          const key = `${prefix}${String(pair.key)}`;
          return isMap(pair.value) ? [key, ...walk(pair.value, `${key}.`)] : [];
        })
      : [];
  return walk(document.contents, '');
}

function profileWithout(section: string): { root: string; file: string } {
  const document = parseDocument(shipped);
  document.deleteIn(section.split('.'));
  const root = mkdtempSync(join(tmpdir(), 'pcms-config-sections-'));
  mkdirSync(join(root, 'config'));
  const file = join(root, 'config', 'lacking.yaml');
  writeFileSync(file, document.toString());
  return { root, file };
}

function loadError(root: string): unknown {
  try {
    loadConfig({ rootDir: root, profile: 'lacking', env: {} });
  } catch (error: unknown) {
    return error;
  }
  return undefined;
}

// Issue 11, defect 14: a profile lacking a section used to pass validation (class-validator skips a
// nested section that is absent) and crash later with a TypeError far from the file.
describe('required configuration sections', () => {
  const sections = sectionsOf(parseDocument(shipped));

  it('finds the sections of the shipped profile, nested ones included', () => {
    expect(sections).toEqual(
      expect.arrayContaining(['amqp', 'amqp.tls', 'redis', 'dedupe', 'limits', 'journal.payloads']),
    );
  });

  it.each(sections)('refuses a profile without %s with CONFIG_INVALID naming the key and the file', (section) => {
    const { root, file } = profileWithout(section);

    const error = loadError(root);

    expect(error).toBeInstanceOf(ConfigError);
    const { code, issues, message } = error as ConfigError;
    expect(code).toBe(ConfigErrorCode.CONFIG_INVALID);
    expect(issues).toEqual([
      expect.objectContaining({ key: section, reason: expect.stringContaining('missing') }),
    ]);
    expect(issues[0].source.startsWith(file)).toBe(true);
    expect(message).toContain(section);
    expect(message).toContain(file);
  });
});
