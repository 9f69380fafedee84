import fc from 'fast-check';
import type { Threshold } from './alert-rules';
import { stepAlerts, type AlertState, type AlertTransition } from './alert-machine';
import type { Measurement } from './alert-signals';

const T0 = Date.parse('2026-12-05T08:00:00.000Z');
const depth = (value: number, threshold: Threshold, subject = 'platform.NP-ML'): Measurement => ({
  rule: 'queue-depth',
  subject,
  value,
  threshold,
  direction: 'above',
});

/** Feeds one value per `stepSeconds` and returns every transition announced, in order. */
function run(
  values: readonly (number | undefined)[],
  threshold: Threshold,
  stepSeconds = 10,
): AlertTransition[] {
  let state: AlertState = {};
  let ids = 0;
  const all: AlertTransition[] = [];
  values.forEach((value, index) => {
    const now = new Date(T0 + index * stepSeconds * 1000);
    const step = stepAlerts(
      state,
      value === undefined ? [] : [depth(value, threshold)],
      now,
      () => `id-${++ids}`,
    );
    state = step.state;
    all.push(...step.transitions);
  });
  return all;
}

describe(stepAlerts.name, () => {
  const band: Threshold = { fire: 100, clear: 50, forSeconds: 0 };

  it('fires once when the value goes above fire, and clears once when it falls to clear', () => {
    const sut = run([10, 150, 200, 180, 40, 30, 10], band);
    expect(sut.map((t) => [t.kind, t.id, t.value])).toEqual([
      ['fired', 'id-1', 150],
      ['cleared', 'id-1', 40],
    ]);
  });

  it('does not fire again while the value flaps between clear and fire, nor above', () => {
    const sut = run([150, 90, 101, 60, 120, 51, 99, 300], band);
    expect(sut.map((t) => t.kind)).toEqual(['fired']);
  });

  it('waits forSeconds before firing and as long before clearing; a short spike or dip is not announced', () => {
    const slow: Threshold = { fire: 100, clear: 50, forSeconds: 30 };
    expect(run([150, 150, 10, 150, 150, 10], slow)).toEqual([]); // 10 s above twice: never 30 s
    const sut = run([150, 150, 150, 150, 10, 10, 150, 10, 10, 10, 10], slow);
    expect(sut.map((t) => [t.kind, t.at])).toEqual([
      ['fired', '2026-12-05T08:00:30.000Z'],
      ['cleared', '2026-12-05T08:01:40.000Z'], // the dip at 08:00:40 was too short
    ]);
  });

  it('clears an alert whose subject is gone (a hold decided), once', () => {
    const sut = run([150, undefined, undefined], band);
    expect(sut.map((t) => t.kind)).toEqual(['fired', 'cleared']);
  });

  it('keeps an alert whose signal could not be read this time', () => {
    const fired = stepAlerts({}, [depth(150, band)], new Date(T0), () => 'a');
    const later = stepAlerts(fired.state, [], new Date(T0 + 10_000), () => 'b', [
      'queue-depth|platform.NP-ML',
    ]);
    expect(later.transitions).toEqual([]);
    expect(later.state).toEqual(fired.state);
  });

  it('fires below the threshold for a value where less is worse (days to expiry)', () => {
    const threshold = { fire: 14, clear: 21, forSeconds: 0 };
    const days = (value: number): Measurement => ({
      rule: 'certificate-expiry',
      subject: 'NP-ML',
      value,
      threshold,
      direction: 'below',
    });
    let state: AlertState = {};
    const kinds: string[] = [];
    for (const [index, value] of [30, 13, 15, 20, 21].entries()) {
      const step = stepAlerts(state, [days(value)], new Date(T0 + index * 1000), () => 'x');
      state = step.state;
      kinds.push(...step.transitions.map((t) => `${t.kind}@${value}`));
    }
    expect(kinds).toEqual(['fired@13', 'cleared@21']);
  });

  it('keeps alerts of different subjects apart', () => {
    let ids = 0;
    const first = stepAlerts(
      {},
      [depth(150, band, 'a'), depth(10, band, 'b')],
      new Date(T0),
      () => `${++ids}`,
    );
    const second = stepAlerts(
      first.state,
      [depth(150, band, 'a'), depth(150, band, 'b')],
      new Date(T0 + 1000),
      () => `${++ids}`,
    );
    expect(
      [...first.transitions, ...second.transitions].map((t) => `${t.kind}:${t.subject}:${t.id}`),
    ).toEqual(['fired:a:1', 'fired:b:2']);
  });

  describe('whatever the values (property-based)', () => {
    const thresholds = fc
      .record({
        fire: fc.integer({ min: 0, max: 100 }),
        gap: fc.integer({ min: 0, max: 50 }),
        forSteps: fc.integer({ min: 0, max: 4 }),
      })
      .map(({ fire, gap, forSteps }) => ({ fire, clear: fire - gap, forSeconds: forSteps * 10 }));
    const values = fc.array(fc.option(fc.integer({ min: -20, max: 200 }), { nil: undefined, freq: 8 }), {
      maxLength: 60,
    });

    it('announces fired and cleared alternately, starting with fired, each cleared with its fired’s id', () => {
      fc.assert(
        fc.property(thresholds, values, (threshold, series) => {
          const sut = run(series, threshold);
          sut.forEach((t, index) => {
            expect(t.kind).toBe(index % 2 === 0 ? 'fired' : 'cleared');
            if (t.kind === 'cleared') expect(t.id).toBe(sut[index - 1]?.id);
          });
        }),
      );
    });

    it('announces nothing more once fired while the value stays above clear (flapping within the band)', () => {
      fc.assert(
        fc.property(
          thresholds,
          fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }),
          (threshold, rises) => {
            const series = [threshold.fire + 1, ...rises.map((rise) => threshold.clear + 1 + rise)];
            const steady = Array.from({ length: threshold.forSeconds / 10 }, () => threshold.fire + 1);
            expect(run([...steady, ...series], threshold).map((t) => t.kind)).toEqual(['fired']);
          },
        ),
      );
    });

    it('fires only after the condition held forSeconds without a break', () => {
      fc.assert(
        fc.property(thresholds, values, (threshold, series) => {
          for (const fired of run(series, threshold).filter((t) => t.kind === 'fired')) {
            const index = (Date.parse(fired.at) - T0) / 10_000;
            const window = series.slice(index - threshold.forSeconds / 10, index + 1);
            expect(window.every((value) => value !== undefined && value > threshold.fire)).toBe(true);
          }
        }),
      );
    });
  });
});
