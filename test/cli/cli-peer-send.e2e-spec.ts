// `pcms peer send` as an operator reads it: a refusal prints the gateway's code and reason (not a
// hint about the services), a notice sent twice is answered as a duplicate, and only a gateway
// that cannot be reached points at the services.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../support/cli-runner';
import { expectEventually } from '../support/expect-eventually';
import { RED_MALI_NIGER } from '../support/fixtures';
import { SuiteGateway } from '../support/suite-gateway';

jest.setTimeout(60_000);

describe('pcms peer send', () => {
  const suite = SuiteGateway.start(__filename);
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pcms-peer-send-'));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  const cli = (...args: string[]) => runCli(suite.gateway.config, ...args);

  it('the same notice twice: 202 then 200 duplicate with its message id, said in both languages', async () => {
    const first = await cli('peer', 'send', RED_MALI_NIGER, '--json');
    expect(first.exitCode).toBe(0);
    const accepted = JSON.parse(first.output) as { status: number; answer: { messageId: string } };
    expect(accepted.status).toBe(202);

    const again = await cli('peer', 'send', RED_MALI_NIGER);

    expect(again.exitCode).toBe(0);
    expect(again.output).toContain(
      `The gateway answered 200: a duplicate of ${accepted.answer.messageId}, already received`,
    );
    expect(again.output).toContain(`doublon de ${accepted.answer.messageId}`);
    const json = JSON.parse((await cli('peer', 'send', RED_MALI_NIGER, '--json')).output) as unknown;
    expect(json).toMatchObject({
      status: 200,
      answer: { duplicate: true, messageId: accepted.answer.messageId },
    });
    const journal = await suite.gateway.journal();
    await expectEventually(async () => {
      const stages = (await journal.trace(accepted.answer.messageId)).map((e) => e.stage);
      expect(stages.filter((s) => s === 'received')).toHaveLength(1);
      expect(stages).toContain('deduplicated');
    });
  });

  it('a refusal prints the gateway’s code and reason, exits 1, and does not blame the services', async () => {
    const broken = join(dir, 'broken.xml');
    await writeFile(broken, '<notice><unclosed></notice>');

    const { output, exitCode } = await cli('peer', 'send', broken);

    expect(exitCode).toBe(1);
    expect(output).toMatch(/Refused by the gateway \(422\): [A-Z_]+: \S/);
    expect(output).toMatch(/Refusé par la passerelle \(422\) : [A-Z_]+: \S/);
    expect(output).not.toContain('services');
  });

  it('only a gateway that cannot be reached points at the services', async () => {
    const config = {
      ...suite.gateway.config,
      peer: { ...suite.gateway.config.peer, gatewayUrl: 'https://127.0.0.1:1/inbound/notices' },
    };

    const { output, exitCode } = await runCli(config, 'peer', 'send', RED_MALI_NIGER);

    expect(exitCode).toBe(1);
    expect(output).toContain('HTTP_CONNECTION_FAILED');
    expect(output).toContain('are the services running?');
    expect(output).toContain('les services tournent-ils ?');
  });
});
