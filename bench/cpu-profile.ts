// Where a process's CPU went, read from the `.cpuprofile` that `node --cpu-prof` writes: self time
// per function (the time the sampler found that function itself on top of the stack), summed over
// every call site of it, so the heaviest functions are read, not guessed.
import { existsSync, readFileSync } from 'node:fs';
import { alignedTable } from './bench-results.writer';
import { round } from './latency.stats';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

export interface CpuProfile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  /** Microseconds before each sample (the first one from `startTime`). */
  timeDeltas: number[];
}

export interface SelfTime {
  /** `name (file:line)`, the file relative to the project or to node_modules. */
  function: string;
  selfMs: number;
  /** Share of the busy time: every sample except `(idle)`. */
  percentOfBusy: number;
}

export interface ProcessProfile {
  process: string;
  busyMs: number;
  top: SelfTime[];
}

const IDLE = '(idle)';

/** The `limit` functions with most self time; the event loop waiting (`(idle)`) is not work. */
export function topSelfTime(
  profile: CpuProfile,
  limit = 15,
  projectRoot = '',
): { busyMs: number; top: SelfTime[] } {
  const frameOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const selfUs = new Map<string, number>();
  let busyUs = 0;
  profile.samples.forEach((nodeId, index) => {
    const frame = frameOf.get(nodeId);
    // A sample stands for the interval that ended with it.
    const us = profile.timeDeltas[index] ?? 0;
    if (!frame || frame.functionName === IDLE) return;
    const key = describe(frame, projectRoot);
    selfUs.set(key, (selfUs.get(key) ?? 0) + us);
    busyUs += us;
  });
  const top = [...selfUs.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, us]) => ({
      function: name,
      selfMs: round(us / 1000),
      percentOfBusy: busyUs > 0 ? round((us * 100) / busyUs) : 0,
    }));
  return { busyMs: round(busyUs / 1000), top };
}

export function readProfile(process: string, file: string, projectRoot: string): ProcessProfile | undefined {
  if (!existsSync(file)) return undefined;
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  return { process, ...topSelfTime(profile, 15, projectRoot) };
}

function describe({ functionName, url, lineNumber }: CallFrame, projectRoot: string): string {
  const name = functionName === '' ? '(anonymous)' : functionName;
  if (url === '') return name;
  let file = url.replace(/^file:\/\//, '');
  const modules = file.lastIndexOf('node_modules/');
  if (modules >= 0) file = file.slice(modules);
  else if (projectRoot !== '' && file.startsWith(`${projectRoot}/`))
    file = file.slice(projectRoot.length + 1);
  // lineNumber is zero-based in the profile.
  return `${name} (${file}:${lineNumber + 1})`;
}

/** The profiles as Markdown: one table per process. */
export function renderProfiles(profiles: readonly ProcessProfile[], heading: string): string {
  const sections = profiles.map(({ process, busyMs, top }) =>
    [
      `## ${process} (busy / occupé ${busyMs} ms)`,
      '',
      ...alignedTable(
        ['function / fonction', 'self ms', '% busy'],
        top.map((row) => [
          `\`${row.function.replace(/\|/g, '\\|')}\``,
          `${row.selfMs}`,
          `${row.percentOfBusy}`,
        ]),
      ),
      '',
    ].join('\n'),
  );
  return [`# CPU profiles / profils CPU`, '', heading, '', ...sections].join('\n');
}
