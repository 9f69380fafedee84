import { mkdtempSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadAlertRules } from './alert-rules.loader';
import { ConfigError, ConfigErrorCode } from './config.error';

const projectRoot = join(__dirname, '..', '..', '..');
const shipped = readFileSync(join(projectRoot, 'config', 'alerts.yaml'), 'utf8');

function rootWithRules(yaml: string): { root: string; file: string } {
  const root = mkdtempSync(join(tmpdir(), 'pcms-alerts-'));
  mkdirSync(join(root, 'config'));
  const file = join(root, 'config', 'alerts.yaml');
  writeFileSync(file, yaml);
  return { root, file };
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

const lineOf = (yaml: string, text: string) => yaml.split('\n').findIndex((line) => line.includes(text)) + 1;

describe(loadAlertRules.name, () => {
  it('loads the shipped rules: the queues in order, clear and forSeconds defaulted where absent', () => {
    const sut = loadAlertRules({ rootDir: projectRoot });

    expect(sut.queues.map((rule) => rule.match)).toEqual([
      'pcms.dead-letters',
      'platform.*',
      'pcms.retry.wait.*',
      '*',
    ]);
    expect(sut.queues[0]?.depth).toEqual({ fire: 0, clear: 0, forSeconds: 0 });
    expect(sut.peerUnreachable).toEqual({ forSeconds: 60 });
    expect(sut.rejectionsPerMinute).toEqual({ fire: 10, clear: 2, forSeconds: 120, windowMinutes: 5 });
    const noClear = rootWithRules(
      'evaluateEverySeconds: 5\nqueues: []\ncertificateExpiryDays: { fire: 7 }\n',
    );
    expect(loadAlertRules({ rootDir: noClear.root }).certificateExpiryDays).toEqual({
      fire: 7,
      clear: 7,
      forSeconds: 0,
    });
  });

  it('names every wrong key with its file and line: a type, an unknown key, a clear on the wrong side', () => {
    const yaml = shipped
      .replace('evaluateEverySeconds: 10', 'evaluateEverySeconds: ten')
      .replace('peerUnreachable: { forSeconds: 60 }', 'peerUnreachable: { forSeconds: 60, after: 3 }');
    const { root, file } = rootWithRules(yaml);
    const error = captureError(() => loadAlertRules({ rootDir: root }));

    expect(error.code).toBe(ConfigErrorCode.CONFIG_INVALID);
    const named = new Set(error.issues.map((issue) => `${issue.key} ${issue.source.replace(/:\d+$/, '')}`));
    expect([...named]).toEqual([
      `evaluateEverySeconds ${file}:${lineOf(yaml, 'evaluateEverySeconds')}`,
      `peerUnreachable.after ${file}:${lineOf(yaml, 'peerUnreachable')}`,
    ]);

    const band = shipped.replace(
      'certificateExpiryDays: { fire: 14, clear: 21, forSeconds: 0 }',
      'certificateExpiryDays: { fire: 14, clear: 7, forSeconds: 0 }',
    );
    const wrongBand = rootWithRules(band);
    const bandError = captureError(() => loadAlertRules({ rootDir: wrongBand.root }));
    expect(bandError.issues).toEqual([
      {
        key: 'certificateExpiryDays.clear',
        reason: 'clear (7) must be at or above fire (14)',
        source: expect.stringMatching(
          new RegExp(`alerts\\.yaml:${lineOf(band, 'certificateExpiryDays')}:\\d+$`),
        ),
      },
    ]);
    expect(bandError.message).toContain('certificateExpiryDays.clear');
  });

  it('says which file is missing', () => {
    const root = mkdtempSync(join(tmpdir(), 'pcms-alerts-'));
    expect(captureError(() => loadAlertRules({ rootDir: root })).code).toBe(
      ConfigErrorCode.CONFIG_FILE_MISSING,
    );
  });
});
