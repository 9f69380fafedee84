import { join } from 'node:path';
import { ConfigError } from './config.error';
import { loadConfig } from './config.loader';

const projectRoot = join(__dirname, '..', '..', '..');

describe('console.enabled from the environment (PCMS_CONSOLE_ENABLED)', () => {
  it('turns on the console of the bench profile, where the file has it off', () => {
    const sut = loadConfig({ rootDir: projectRoot, profile: 'bench', env: { PCMS_CONSOLE_ENABLED: 'true' } });

    expect(sut.console.enabled).toBe(true);
  });

  it('leaves the file alone without the variable', () => {
    const sut = loadConfig({ rootDir: projectRoot, profile: 'bench', env: {} });

    expect(sut.console.enabled).toBe(false);
  });

  it('refuses a value that is not a boolean, naming the variable', () => {
    expect(() =>
      loadConfig({ rootDir: projectRoot, profile: 'bench', env: { PCMS_CONSOLE_ENABLED: 'yes' } }),
    ).toThrow(ConfigError);
    expect(() =>
      loadConfig({ rootDir: projectRoot, profile: 'bench', env: { PCMS_CONSOLE_ENABLED: 'yes' } }),
    ).toThrow(/PCMS_CONSOLE_ENABLED/);
  });
});
