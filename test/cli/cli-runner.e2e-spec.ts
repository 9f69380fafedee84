// The in-process CLI runner keeps what a command writes on stderr in its result: a refusal or a
// usage error a test provokes on purpose is asserted there, not printed among the test results.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliFailure } from '../support/cli-runner';
import { harnessProfile } from '../support/harness-config';

describe(runCli.name, () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'pcms-cli-runner-'));
  const config = harnessProfile({ dataDir });

  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("returns a refused command's error, in both languages, with its exit code", async () => {
    const { output, errors, exitCode } = await runCli(config, 'pki', 'issue', 'OPS-X', '--role', 'operator');

    expect(exitCode).toBe(1);
    expect(output).toBe('');
    expect(errors).toMatch(/EN: .*\n\s*FR: /u);
  });

  it("attaches commander's usage error to the rejection", async () => {
    const failure = (await runCli(config, 'pki', 'issue', 'OPS-X').catch(
      (error: unknown) => error,
    )) as CliFailure;

    expect(failure).toMatchObject({ code: 'commander.missingMandatoryOptionValue' });
    expect(failure.stderr).toContain("error: required option '--role <role>' not specified");
  });
});
