// The router reads config/policy.yaml once at start; a bad policy stops it there, with the key, the
// file and the line, before it connects to anything or routes a single message by a rule nobody meant.
import { ConfigError, ConfigErrorCode, loadConfig, type LoadedConfig } from '@pcms/config';
import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRouter } from '../../apps/router/src/router.app';

const PROJECT_ROOT = join(__dirname, '..', '..');

function configWithPolicy(yaml: string): { config: LoadedConfig; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'pcms-router-policy-'));
  mkdirSync(join(root, 'config'));
  const file = join(root, 'config', 'policy.yaml');
  writeFileSync(file, yaml);
  const config = loadConfig({ rootDir: PROJECT_ROOT, env: {}, overrides: { logLevel: 'silent' } });
  return { config: { ...config, paths: { ...config.paths, root } }, file };
}

describe(startRouter.name, () => {
  it('refuses to start with an invalid policy, naming the key, the file and the line', async () => {
    const shipped = readFileSync(join(PROJECT_ROOT, 'config', 'policy.yaml'), 'utf8');
    const broken = shipped.replace('classificationAbove: RESTRICTED', 'classificationAbove: RESTRICTD');
    const line = broken.split('\n').findIndex((text) => text.includes('RESTRICTD')) + 1;
    const { config, file } = configWithPolicy(broken);

    const failure: unknown = await startRouter(config).catch((error: unknown) => error);

    expect(failure).toBeInstanceOf(ConfigError);
    expect(failure).toMatchObject({
      code: ConfigErrorCode.CONFIG_INVALID,
      issues: [
        { key: 'outbound.2.when.classificationAbove', source: expect.stringMatching(`^${file}:${line}:`) },
      ],
    });
  });

  it('refuses to start without a policy file', async () => {
    const { config } = configWithPolicy('');
    const missing = { ...config, paths: { ...config.paths, root: join(config.paths.root, 'elsewhere') } };

    await expect(startRouter(missing)).rejects.toMatchObject({ code: ConfigErrorCode.CONFIG_FILE_MISSING });
  });
});
