// Issue 12, point 6: the chaos run (bench/chaos, `npm run chaos`) at CI size inside `npm test`: the
// three-node cluster, two processes of every gateway app (run from their sources through swc, so
// no build is needed) with the journal on PostgreSQL, traffic both ways with held and refused
// shares, five SIGKILLs of gateway processes, one broker node killed and restarted and the peer
// unreachable for a while. Lost and seen twice must be 0 at every destination, every message must
// have its stages in the journal, the chain must verify and nothing may be stuck. The seed is
// printed first: `npm run chaos -- --messages 300 --kills 5 --faults broker-node-kill,peer-outage
// --seed <it>` replays the same run outside jest. PCMS_CHAOS_SEED replays it inside.
import { renderMarkdown } from '../../bench/chaos/chaos.report';
import { runChaos } from '../../bench/chaos/chaos.run';
import { sourceApps } from '../../bench/chaos/gateway.fleet';
import { freshSeed } from '../../bench/chaos/seeded-random';
import { PROJECT_ROOT } from '../support/harness-config';

jest.setTimeout(900_000);

// A few hundred: on the shared 2-core machine 300 messages with these faults took about 8 minutes.
const MESSAGES = 300;
const KILLS = 5;

describe('the chaos run at CI size', () => {
  it('loses nothing and hands no destination a message twice under kills, a broker node restart and a peer outage', async () => {
    const seed = process.env.PCMS_CHAOS_SEED ? Number(process.env.PCMS_CHAOS_SEED) : freshSeed();
    const lines: string[] = [];
    const say = (line: string) => {
      lines.push(line);
      process.stdout.write(`[chaos-ci] ${line}\n`);
    };
    say(`seed ${seed}: replay with / rejouer avec PCMS_CHAOS_SEED=${seed}`);

    const report = await runChaos({
      messages: MESSAGES,
      kills: KILLS,
      seed,
      instances: 2,
      infrastructure: ['broker-node-kill', 'peer-outage'],
      window: 100,
      maxMinutes: 10,
      settleMinutes: 4,
      peerOutageSeconds: 10,
      // Apart from npm run chaos (28600) and from the test profile's ports.
      basePort: 28700,
      projectRoot: PROJECT_ROOT,
      appCommand: sourceApps(PROJECT_ROOT),
      say,
    });
    say(renderMarkdown(report));

    expect({ seed, ...report.totals }).toEqual({ seed, lost: 0, seenTwice: 0, unexpected: 0 });
    expect({ seed, sent: report.sent, sendFailures: report.sendFailures }).toEqual({
      seed,
      sent: MESSAGES,
      sendFailures: [],
    });
    expect(report.faults.map((fault) => fault.kind).sort()).toEqual([
      'broker-node-kill',
      'peer-outage',
      ...Array<string>(KILLS).fill('process-kill'),
    ]);
    expect(report.faults.filter((fault) => fault.error)).toEqual([]);
    // Each fault hit a gateway with traffic still to come (before the pacing, 5 of 7 came after the last message).
    expect(report.faults.filter((fault) => fault.atMessage >= MESSAGES)).toEqual([]);
    expect({ seed, gaps: report.journal.gapExamples, chain: report.journal.chain.ok }).toEqual({
      seed,
      gaps: [],
      chain: true,
    });
    expect({ seed, stuck: report.stuck, crashed: report.crashed }).toEqual({ seed, stuck: [], crashed: [] });
    // The refusals are dead letters with their reason, and nothing else is.
    expect(report.deadLetters.inQueue).toBe(report.deadLetters.expectedRefusals);
    expect(report.ok).toBe(true);
  });
});
