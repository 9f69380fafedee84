import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, ConfigErrorCode } from './config.error';
import { loadConfig } from './config.loader';

const projectRoot = join(__dirname, '..', '..', '..');

function rootWithProfile(name: string, yaml: string): string {
  const root = mkdtempSync(join(tmpdir(), 'pcms-config-'));
  mkdirSync(join(root, 'config'));
  writeFileSync(join(root, 'config', `${name}.yaml`), yaml);
  return root;
}

function captureError(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe(loadConfig.name, () => {
  it('loads the demo profile shipped with the project and resolves its paths', () => {
    const sut = loadConfig({ rootDir: projectRoot, env: {} });

    expect(sut.profile).toBe('demo');
    expect(sut.amqp.prefetch).toBe(32);
    expect(sut.paths.pki).toBe(join(projectRoot, 'var', 'demo', 'pki'));
    expect(sut.paths.mappings).toBe(join(projectRoot, 'mappings'));
  });

  it('applies environment overrides and typed test overrides', () => {
    const sut = loadConfig({
      rootDir: projectRoot,
      env: { PCMS_AMQP_NAMESPACE: 'it-1', PCMS_DATA_DIR: '/tmp/pcms-it' },
      overrides: { i247Adapter: { http: { host: '127.0.0.1', port: 0 } } },
    });

    expect(sut.amqp.namespace).toBe('it-1');
    expect(sut.paths.data).toBe('/tmp/pcms-it');
    expect(sut.i247Adapter.http.port).toBe(0);
    expect(sut.i247Adapter.peerId).toBe('I247-PEER');
  });

  it('names the key, the file and the line of every invalid setting, all at once', () => {
    const demo = readFileSync(join(projectRoot, 'config', 'demo.yaml'), 'utf8');
    const broken = demo
      .replace('prefetch: 32', 'prefetch: 0')
      .replace('queueType: quorum', 'queueType: fast');
    const root = rootWithProfile('broken', broken);
    const lineOf = (text: string) => broken.split('\n').findIndex((line) => line.includes(text)) + 1;

    const error = captureError(() => loadConfig({ rootDir: root, profile: 'broken', env: {} }));

    expect(error.code).toBe(ConfigErrorCode.CONFIG_INVALID);
    expect(error.issues.map((issue) => issue.key).sort()).toEqual(['amqp.prefetch', 'amqp.queueType']);
    const prefetch = error.issues.find((issue) => issue.key === 'amqp.prefetch');
    expect(prefetch?.source).toBe(`${join(root, 'config', 'broken.yaml')}:${lineOf('prefetch: 0')}:13`);
  });

  it('never echoes a secret held in an invalid value', () => {
    const error = captureError(() =>
      loadConfig({ rootDir: projectRoot, env: { PCMS_AMQP_URL: 'http://guest:s3cret-pass@host' } }),
    );

    expect(error.issues).toEqual([
      {
        key: 'amqp.url',
        reason: 'must start with amqp:// or amqps://',
        source: 'environment variable PCMS_AMQP_URL',
      },
    ]);
    expect(error.message).not.toContain('s3cret-pass');
  });

  it('refuses a freshness window longer than the dedupe retention: replays would slip between them', () => {
    const error = captureError(() =>
      loadConfig({ rootDir: projectRoot, env: {}, overrides: { limits: { maxMessageAgeHours: 72 } } }),
    );

    expect(error.issues.map((issue) => issue.key)).toEqual(['limits.maxMessageAgeHours']);
  });

  it.each(['demo', 'bench', 'test'])(
    'gives the %s profile the periods the gateway ran with before they were settings',
    (profile) => {
      const sut = loadConfig({ rootDir: projectRoot, profile, env: {} });

      expect(sut.routing.requestRetentionDays).toBe(90);
      expect(sut.journal.payloads.purgeEveryMinutes).toBe(60);
      expect(sut.mappings.reloadPollMs).toBe(1000);
    },
  );

  it('refuses each tuned period out of its range, naming its key, file and line', () => {
    const demo = readFileSync(join(projectRoot, 'config', 'demo.yaml'), 'utf8');
    const broken = demo
      .replace('requestRetentionDays: 90', 'requestRetentionDays: 7776000')
      .replace('purgeEveryMinutes: 60', 'purgeEveryMinutes: 0')
      .replace('reloadPollMs: 1000', 'reloadPollMs: 1.5');
    const root = rootWithProfile('periods', broken);
    const lineOf = (text: string) => broken.split('\n').findIndex((line) => line.includes(text)) + 1;

    const error = captureError(() => loadConfig({ rootDir: root, profile: 'periods', env: {} }));

    expect(error.code).toBe(ConfigErrorCode.CONFIG_INVALID);
    const byKey = new Map(error.issues.map((issue) => [issue.key, issue]));
    expect([...byKey.keys()].sort()).toEqual([
      'journal.payloads.purgeEveryMinutes',
      'mappings.reloadPollMs',
      'routing.requestRetentionDays',
    ]);
    expect(byKey.get('routing.requestRetentionDays')?.reason).toContain('in days, not seconds');
    expect(byKey.get('journal.payloads.purgeEveryMinutes')?.source).toMatch(
      new RegExp(`periods\\.yaml:${lineOf('purgeEveryMinutes: 0')}:`),
    );
    expect(error.message).toContain('mappings.reloadPollMs');
  });

  it('refuses a profile that lacks a tuned period rather than guess it', () => {
    const demo = readFileSync(join(projectRoot, 'config', 'demo.yaml'), 'utf8');
    const root = rootWithProfile(
      'no-routing',
      demo.replace(/^routing:\n {2}requestRetentionDays: 90\n/mu, ''),
    );

    const error = captureError(() => loadConfig({ rootDir: root, profile: 'no-routing', env: {} }));

    expect(error.issues.map((issue) => issue.key)).toEqual(['routing']);
  });

  it.each(['demo', 'test', 'bench'])(
    'ships the holds clock of before in %s: 2 s tick, 60 s claim',
    (profile) => {
      const sut = loadConfig({ rootDir: projectRoot, profile, env: {} });

      expect(sut.holds).toEqual({ tickSeconds: 2, claimSeconds: 60 });
    },
  );

  it('refuses a holds tick of zero, a claim too short to finish a forward, and no holds section', () => {
    const demo = readFileSync(join(projectRoot, 'config', 'demo.yaml'), 'utf8');
    const broken = demo
      .replace('tickSeconds: 2', 'tickSeconds: 0')
      .replace('claimSeconds: 60', 'claimSeconds: 5');
    const missing = demo.replace(/^holds:\n {2}tickSeconds: 2\n {2}claimSeconds: 60\n/mu, '');

    const error = captureError(() =>
      loadConfig({ rootDir: rootWithProfile('holds', broken), profile: 'holds', env: {} }),
    );
    const none = captureError(() =>
      loadConfig({ rootDir: rootWithProfile('no-holds', missing), profile: 'no-holds', env: {} }),
    );

    const byKey = new Map(error.issues.map((issue) => [issue.key, issue]));
    expect([...byKey.keys()].sort()).toEqual(['holds.claimSeconds', 'holds.tickSeconds']);
    expect(byKey.get('holds.claimSeconds')?.reason).toContain('may leave twice');
    expect(none.issues.map((issue) => issue.key)).toEqual(['holds']);
  });

  it('takes the nodes of a cluster from amqp.urls or PCMS_AMQP_URLS (comma-separated), and refuses a bad one', () => {
    const fromEnv = loadConfig({
      rootDir: projectRoot,
      profile: 'demo',
      env: { PCMS_AMQP_URLS: 'amqp://guest:guest@127.0.0.1:5673, amqp://guest:guest@127.0.0.1:5674' },
    });
    expect(fromEnv.amqp.urls).toEqual([
      'amqp://guest:guest@127.0.0.1:5673',
      'amqp://guest:guest@127.0.0.1:5674',
    ]);
    expect(loadConfig({ rootDir: projectRoot, profile: 'demo', env: {} }).amqp.urls).toBeUndefined();

    const demo = readFileSync(join(projectRoot, 'config', 'demo.yaml'), 'utf8');
    const root = rootWithProfile(
      'cluster',
      demo.replace(
        '  namespace: ',
        "  urls: ['amqp://127.0.0.1:5673', 'http://127.0.0.1:5674']\n  namespace: ",
      ),
    );
    const error = captureError(() => loadConfig({ rootDir: root, profile: 'cluster', env: {} }));
    expect(error.issues.map((issue) => issue.key)).toEqual(['amqp.urls']);
  });

  it('refuses unknown keys so that a typo does not pass silently', () => {
    const root = rootWithProfile(
      'typo',
      readFileSync(join(projectRoot, 'config', 'demo.yaml'), 'utf8') + 'amqpp: {}\n',
    );

    const error = captureError(() => loadConfig({ rootDir: root, profile: 'typo', env: {} }));

    expect(error.issues.map((issue) => issue.key)).toEqual(['amqpp']);
  });

  it('says which file is missing and what to do', () => {
    const error = captureError(() => loadConfig({ rootDir: projectRoot, profile: 'nope', env: {} }));

    expect(error.code).toBe(ConfigErrorCode.CONFIG_FILE_MISSING);
    expect(error.message).toContain('PCMS_PROFILE');
  });
});
