// The chaos run's report: JSON (everything, for machines and for replaying a failure) and markdown
// (the faults' timeline, the count per destination, the journal's verdict), written to
// bench/results/chaos/, and its summary in the README between <!-- chaos:start --> and <!-- chaos:end -->.
import type { ChainVerdict } from '@pcms/journal';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { replaceReadmeSection } from '../readme-section';
import type { FaultKind } from './chaos.plan';
import type { DestinationCount, JournalGap } from './chaos-count';

export interface FaultRecord {
  kind: FaultKind;
  target?: string;
  /** Messages sent when it was injected. */
  atMessage: number;
  /** Since the run started. */
  startedAtMs: number;
  /** From injection until the fault was undone (process started again, node back, service up). */
  restoredAfterMs: number;
  /** From then until a canary message sent at that instant reached the peer and RP; null: it did not within 5 min. */
  recoveredAfterMs: number | null;
  canary?: string;
  error?: string;
}

export interface ChaosReport {
  date: string;
  seed: number;
  options: Record<string, unknown>;
  machine: { cpus: number; loadAverageAtEnd: number[]; node: string };
  sent: number;
  kinds: Record<string, number>;
  canaries: number;
  durations: { trafficMs: number; settledMs: number; totalMs: number };
  faults: FaultRecord[];
  destinations: DestinationCount[];
  totals: { lost: number; seenTwice: number; unexpected: number };
  platformCounters: Record<string, unknown>;
  journal: { messagesChecked: number; gaps: number; gapExamples: JournalGap[]; chain: ChainVerdict };
  deadLetters: { expectedRefusals: number; inQueue: number };
  stuck: { queue: string; messages: number }[];
  /** Holds by status at the end (released, waiting, expired, unverified…), from the store. */
  holds: Record<string, number>;
  sendRetries: number;
  sendFailures: string[];
  crashed: { name: string; tail: string[] }[];
  logs: string;
  ok: boolean;
}

const seconds = (ms: number | null) => (ms === null ? '—' : (ms / 1000).toFixed(1));

export function renderMarkdown(report: ChaosReport): string {
  const lines = [
    `# Chaos run / essai de pannes — seed ${report.seed}`,
    '',
    `${report.date.slice(0, 16).replace('T', ' ')} UTC, \`npm run chaos -- --messages ${String(report.options.messages)} --kills ${String(report.options.kills)} --seed ${report.seed}\`. ` +
      `${report.machine.cpus} cores, Node ${report.machine.node}, load average at the end ${report.machine.loadAverageAtEnd.join(' ')}. ` +
      `Three-node RabbitMQ cluster, quorum queues, ${String(report.options.instances)} processes of each gateway app, journal on PostgreSQL.`,
    '',
    `**Verdict: ${report.ok ? 'PASS' : 'FAIL'}** — lost ${report.totals.lost}, seen twice ${report.totals.seenTwice}, unexpected ${report.totals.unexpected}, ` +
      `journal gaps ${report.journal.gaps}, chain ${report.journal.chain.ok ? 'verified' : `BROKEN at ${String(report.journal.chain.firstBadSeq)}`} (${report.journal.chain.entries} entries), ` +
      `stuck queues ${report.stuck.length}, crashed processes ${report.crashed.length}.`,
    '',
    `Sent ${report.sent} (${Object.entries(report.kinds)
      .map(([kind, n]) => `${kind} ${n}`)
      .join(', ')}) + ${report.canaries} canaries; ` +
      `traffic ${seconds(report.durations.trafficMs)} s, everything settled at ${seconds(report.durations.settledMs)} s, run ${seconds(report.durations.totalMs)} s. ` +
      `Holds at the end: ${Object.entries(report.holds)
        .map(([status, n]) => `${status} ${n}`)
        .join(', ')}. Sends retried by the platforms and the peer: ${report.sendRetries}. ` +
      `Dead letters: ${report.deadLetters.inQueue} in the queue for ${report.deadLetters.expectedRefusals} refusals expected.`,
    '',
    '## Per destination / par destination',
    '',
    '| destination | expected | delivered once | raw duplicates | seen twice | lost | unexpected |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...report.destinations.map(
      (d) =>
        `| ${d.destination === 'INTERPOL' ? 'INTERPOL (I-24/7 peer)' : d.destination} | ${d.expected} | ${d.deliveredOnce} | ${d.rawDuplicates} | ${d.seenTwice} | ${d.lost} | ${d.unexpected} |`,
    ),
    '',
    '## Faults / pannes (timeline)',
    '',
    '| at s | fault | target | at message | restored after s | canary through after s | error |',
    '| ---: | --- | --- | ---: | ---: | ---: | --- |',
    ...report.faults.map(
      (f) =>
        `| ${seconds(f.startedAtMs)} | ${f.kind} | ${f.target ?? ''} | ${f.atMessage} | ${seconds(f.restoredAfterMs)} | ${seconds(f.recoveredAfterMs)} | ${f.error ? f.error.split('\n')[0] : ''} |`,
    ),
    '',
  ];
  const problems = [
    ...report.destinations.flatMap((d) => [
      ...(d.lost > 0 ? [`lost at ${d.destination}: ${d.lostIds.join(', ')}`] : []),
      ...(d.seenTwice > 0 ? [`seen twice at ${d.destination}: ${d.seenTwiceIds.join(', ')}`] : []),
    ]),
    ...report.journal.gapExamples.map(
      (gap) =>
        `journal ${gap.id}: missing ${gap.missing.join(', ') || '—'}${gap.unexpected ? `; ${gap.unexpected.join(', ')}` : ''}`,
    ),
    ...report.stuck.map((queue) => `stuck: ${queue.queue} holds ${queue.messages}`),
    ...report.sendFailures.map((failure) => `send failed: ${failure}`),
    ...report.crashed.map((process) => `crashed: ${process.name}: ${process.tail.join(' | ')}`),
  ];
  if (problems.length > 0)
    lines.push(
      '## What went wrong / ce qui n’a pas tenu (first 20 of each)',
      '',
      ...problems.map((p) => `- ${p}`),
      '',
    );
  lines.push(
    'Reading it / lecture: docs/architecture.md, "Chaos run". Raw copies are what the at-least-once wire delivered; ' +
      'a platform\'s client drops those it already handled and the peer stores a notice once by id, so "seen twice" is what got through.',
    '',
  );
  return lines.join('\n');
}

export function writeReport(directory: string, report: ChaosReport): { json: string; markdown: string } {
  mkdirSync(directory, { recursive: true });
  const stem = `${report.date.slice(0, 16).replace(/[-:]/g, '').replace('T', '-')}-seed-${report.seed}`;
  const json = join(directory, `${stem}.json`);
  const markdown = join(directory, `${stem}.md`);
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, renderMarkdown(report));
  return { json, markdown };
}

/** Replaces the README's chaos section (added at the end when absent) with this run's summary. */
export function updateReadmeSection(readmePath: string, report: ChaosReport, markdownPath: string): void {
  const rows = report.destinations
    .map(
      (d) =>
        `| ${d.destination} | ${d.expected} | ${d.deliveredOnce} | ${d.rawDuplicates} | ${d.seenTwice} | ${d.lost} |`,
    )
    .join('\n');
  const recovered = report.faults
    .filter((f) => f.recoveredAfterMs !== null)
    .map((f) => f.recoveredAfterMs as number);
  const section = [
    `Latest chaos run / dernier essai de pannes (\`npm run chaos\`, ${report.date.slice(0, 16).replace('T', ' ')} UTC, seed ${report.seed}, ` +
      `[${markdownPath}](${markdownPath})): **${report.ok ? 'PASS' : 'FAIL'}**. ${report.sent} messages both ways on the three-node cluster, ` +
      `${String(report.options.instances)} processes of each app, ${report.faults.length} faults (${report.faults.filter((f) => f.kind === 'process-kill').length} SIGKILLs, ` +
      `${report.faults
        .filter((f) => f.kind !== 'process-kill')
        .map((f) => f.kind)
        .join(', ')}); lost ${report.totals.lost}, seen twice ${report.totals.seenTwice}, ` +
      `journal chain ${report.journal.chain.ok ? 'verified' : 'broken'}, ${report.stuck.length} queues stuck; canary through at most ${seconds(Math.max(0, ...recovered))} s after a fault was undone.`,
    '',
    '| destination | expected | delivered once | raw duplicates | seen twice | lost |',
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    rows,
  ].join('\n');
  replaceReadmeSection(readmePath, 'chaos', section, '## Chaos run / essai de pannes');
}
