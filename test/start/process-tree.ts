// `npm start` as a supervisor (systemd, a container runtime) runs it: in a process group of its own,
// stopped by a signal to its pid alone. What it spawned is read from `ps` while it runs, so that a
// process left behind after the stop (an orphan re-parented to init) is still found.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';

export interface StartedTree {
  readonly root: ChildProcess;
  readonly output: string[];
  /** Resolves once the root process has exited ('exit': a process it left behind may hold its pipes). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

export function startTree(
  command: string,
  args: readonly string[],
  cwd: string,
  env: NodeJS.ProcessEnv,
): StartedTree {
  const root = spawn(command, [...args], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  const output: string[] = [];
  root.stdout?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  root.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    root.once('exit', (code, signal) => resolve({ code, signal })),
  );
  return { root, output, exited };
}

/** Every process below `pid`, from one reading of the process table. */
export function descendantsOf(pid: number): number[] {
  const table = execFileSync('ps', ['-e', '-o', 'pid=,ppid='], { encoding: 'utf8' });
  const children = new Map<number, number[]>();
  for (const line of table.trim().split('\n')) {
    const [child, parent] = line.trim().split(/\s+/).map(Number);
    children.set(parent, [...(children.get(parent) ?? []), child]);
  }
  const found: number[] = [];
  const visit = (parent: number): void => {
    for (const child of children.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

/** The command line of each pid still running (zombies included: they are not reaped yet). */
export function stillRunning(pids: readonly number[]): string[] {
  return pids.flatMap((pid) => {
    try {
      return [execFileSync('ps', ['-o', 'pid=,stat=,args=', '-p', String(pid)], { encoding: 'utf8' }).trim()];
    } catch {
      return []; // ps exits 1 when the pid is gone
    }
  });
}

/** Cleanup after a failed case: nothing of the tree may outlive the test file. */
export function killAll(pids: readonly number[]): void {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}
