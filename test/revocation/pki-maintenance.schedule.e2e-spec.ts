// The schedule on the real Redis: every process hears each tick, and restarts keep one repeat
// entry per task instead of piling them up.
import { PkiMaintenanceSchedule, type MaintenanceLogger, type PkiMaintenanceTask } from '@pcms/revocation';
import { Redis } from 'ioredis';
import { expectEventually } from '../support/expect-eventually';
import { uniqueNamespace } from '../support/unique-namespace';

const REDIS_URL = process.env.PCMS_REDIS_URL ?? 'redis://127.0.0.1:6379';
const quiet: MaintenanceLogger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};

jest.setTimeout(60_000);

describe(PkiMaintenanceSchedule.name, () => {
  const keyPrefix = `pcms-test:${uniqueNamespace(__filename)}`;
  const running: PkiMaintenanceSchedule[] = [];

  function schedule(everyMs: Record<PkiMaintenanceTask, number>): PkiMaintenanceSchedule {
    const sut = new PkiMaintenanceSchedule({ redisUrl: REDIS_URL, keyPrefix, everyMs, logger: quiet });
    running.push(sut);
    return sut;
  }

  afterEach(async () => {
    for (const sut of running.splice(0)) await sut.stop();
  });

  afterAll(async () => {
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${keyPrefix}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('runs each task in every process of the deployment, not only the one bull handed the job', async () => {
    const heard: Record<string, PkiMaintenanceTask[]> = { first: [], second: [] };
    const everyMs = { 'crl-refresh': 300, 'certificate-expiry': 60_000 };

    await schedule(everyMs).start((task) => void heard.first.push(task));
    await schedule(everyMs).start((task) => void heard.second.push(task));

    await expectEventually(
      () => {
        expect(heard.first.filter((task) => task === 'crl-refresh').length).toBeGreaterThanOrEqual(2);
        expect(heard.second.filter((task) => task === 'crl-refresh').length).toBeGreaterThanOrEqual(2);
      },
      { timeoutMs: 30_000 },
    );
  });

  it('keeps one repeat entry per task across restarts, and drops the old one when the interval changes', async () => {
    for (let restart = 0; restart < 3; restart++) {
      const sut = schedule({ 'crl-refresh': 900_000, 'certificate-expiry': 86_400_000 });
      await sut.start(() => undefined);
      await sut.stop();
    }
    const sut = schedule({ 'crl-refresh': 300_000, 'certificate-expiry': 86_400_000 });

    await sut.start(() => undefined);

    const entries = await sut.schedules();
    expect(
      entries
        .map(({ name, every }) => ({ name, every: Number(every) }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    ).toEqual([
      { name: 'certificate-expiry', every: 86_400_000 },
      { name: 'crl-refresh', every: 300_000 },
    ]);
  });
});
