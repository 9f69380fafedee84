// The soak's slope on figures small enough to check by hand.
import { slopePer10k, slopesOf, type SoakSample } from './soak.bench';

describe(slopePer10k.name, () => {
  it('fits a line by least squares and gives its slope per 10,000 messages', () => {
    // y = 100 + 0.5 x: 5000 per 10,000
    expect(slopePer10k([0, 1000, 2000].map((x) => ({ x, y: 100 + 0.5 * x })))).toBe(5000);
    // a flat series with noise around it: 0
    expect(
      slopePer10k([
        { x: 0, y: 10 },
        { x: 1, y: 12 },
        { x: 2, y: 10 },
        { x: 3, y: 12 },
        { x: 4, y: 10 },
      ]),
    ).toBe(0);
  });

  it('is 0 rather than NaN with a single point', () => {
    expect(slopePer10k([{ x: 5, y: 5 }])).toBe(0);
  });
});

describe(slopesOf.name, () => {
  it('leaves the warm-up out: a process that grew at start and then stayed flat has no slope', () => {
    const samples: SoakSample[] = [0, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000, 10_000].map(
      (messages) => ({
        messages,
        elapsedMs: messages,
        rssKiB: { router: messages < 2000 ? 100_000 + messages * 10 : 150_000, leaky: 100_000 + messages },
      }),
    );
    expect(slopesOf(samples)).toEqual({ router: 0, leaky: 10_000 });
  });
});
