// A TCP proxy in front of the machine's Redis that a test turns "down" and "up" again, the way a
// restarting Redis looks to its clients: every open connection is cut, and while it is down each
// new connection is answered by the proxy itself, `-LOADING` to every command (what Redis answers
// while it loads its dataset after a restart) except what Redis serves while loading (INFO, CLIENT,
// SUBSCRIBE), so that the clients' commands do reach it and fail as they would. The real Redis is never touched: other suites use it.
// Every command that went through is recorded (name, arguments, time), so that a test can count
// how often a consumer asked Redis about one message. `unreachable()` is Redis gone altogether: every
// connection is cut and each new one reset at once, so the clients never get past connecting.
import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

export interface RecordedCommand {
  readonly args: readonly string[];
  readonly at: number;
}

export interface RedisFaultProxy {
  readonly url: string;
  /** Commands forwarded to Redis, in order. */
  readonly commands: RecordedCommand[];
  /** Commands answered with -LOADING while the proxy was down. */
  readonly refused: RecordedCommand[];
  down(): void;
  /** Cuts every connection and resets each new one (connection refused), until up(). */
  unreachable(): void;
  up(): void;
  /** Goes down just before forwarding the first command that matches (it is not forwarded). */
  downWhen(matches: (args: readonly string[]) => boolean): void;
  close(): Promise<void>;
}

const LOADING = Buffer.from('-LOADING Redis is loading the dataset in memory\r\n');
const INFO_TEXT = '# Persistence\r\nloading:0\r\n';
const READY_INFO = Buffer.from(`$${INFO_TEXT.length}\r\n${INFO_TEXT}\r\n`);

export async function startRedisFaultProxy(
  target = { host: '127.0.0.1', port: 6379 },
): Promise<RedisFaultProxy> {
  const commands: RecordedCommand[] = [];
  const refused: RecordedCommand[] = [];
  const sockets = new Set<Socket>();
  let isDown = false;
  let isUnreachable = false;
  let trigger: ((args: readonly string[]) => boolean) | undefined;

  const cutAll = () => {
    for (const socket of sockets) socket.destroy();
    sockets.clear();
  };
  const goDown = () => {
    isDown = true;
    cutAll();
  };

  const server = createServer((client) => {
    if (isUnreachable) {
      client.resetAndDestroy();
      return;
    }
    sockets.add(client);
    client.on('error', () => client.destroy());
    client.on('close', () => sockets.delete(client));
    const parser = new RespCommandParser();
    if (isDown) {
      client.on('data', (chunk: Buffer) => {
        for (const args of parser.push(chunk)) {
          const served = servedWhileLoading(args);
          if (served) {
            client.write(served);
            continue;
          }
          refused.push({ args, at: Date.now() });
          client.write(LOADING);
        }
      });
      return;
    }
    const upstream = connect(target);
    sockets.add(upstream);
    upstream.on('error', () => client.destroy());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('data', (chunk: Buffer) => client.write(chunk));
    client.on('data', (chunk: Buffer) => {
      // Commands are forwarded whole, one by one, so that a trigger can stop before one of them.
      for (const args of parser.push(chunk)) {
        if (isDown) return;
        if (trigger?.(args)) {
          trigger = undefined;
          goDown();
          return;
        }
        commands.push({ args, at: Date.now() });
        upstream.write(encode(args));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `redis://127.0.0.1:${port}`,
    commands,
    refused,
    down: goDown,
    unreachable: () => {
      isUnreachable = true;
      cutAll();
    },
    up: () => {
      isDown = false;
      isUnreachable = false;
      // The clients answered -LOADING reconnect, now to the real Redis.
      cutAll();
    },
    downWhen: (matches) => void (trigger = matches),
    close: () =>
      new Promise<void>((resolve) => {
        cutAll();
        server.close(() => resolve());
      }),
  };
}

/**
 * What Redis serves even while it loads (their command flags say `loading`): the client's ready
 * check, its CLIENT SETNAME/SETINFO and (re)subscriptions. Everything else gets -LOADING.
 */
function servedWhileLoading(args: readonly string[]): Buffer | undefined {
  const name = args[0]?.toUpperCase();
  if (name === 'INFO') return READY_INFO;
  if (name === 'CLIENT') return Buffer.from('+OK\r\n');
  if (name === 'SUBSCRIBE' || name === 'PSUBSCRIBE') {
    const kind = name.toLowerCase();
    const replies = args.slice(1).map((channel, i) => {
      const bulk = (text: string) => `$${Buffer.byteLength(text)}\r\n${text}\r\n`;
      return `*3\r\n${bulk(kind)}${bulk(channel)}:${i + 1}\r\n`;
    });
    return Buffer.from(replies.join(''));
  }
  return undefined;
}

function encode(args: readonly string[]): Buffer {
  const parts = [`*${args.length}\r\n`];
  for (const arg of args) parts.push(`$${Buffer.byteLength(arg)}\r\n${arg}\r\n`);
  return Buffer.from(parts.join(''));
}

/** Splits what a client sends (RESP arrays of bulk strings, as ioredis writes them) into commands. */
class RespCommandParser {
  private buffer = Buffer.alloc(0);

  push(chunk: Buffer): string[][] {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    const commands: string[][] = [];
    for (;;) {
      const parsed = this.next();
      if (!parsed) return commands;
      commands.push(parsed.args);
      this.buffer = this.buffer.subarray(parsed.end);
    }
  }

  private next(): { args: string[]; end: number } | undefined {
    const header = this.line(0);
    if (!header) return undefined;
    if (!header.text.startsWith('*')) throw new Error(`not a RESP command: ${header.text}`);
    const count = Number(header.text.slice(1));
    const args: string[] = [];
    let offset = header.end;
    for (let i = 0; i < count; i += 1) {
      const length = this.line(offset);
      if (!length) return undefined;
      const size = Number(length.text.slice(1));
      const end = length.end + size + 2;
      if (this.buffer.length < end) return undefined;
      args.push(this.buffer.subarray(length.end, length.end + size).toString('utf8'));
      offset = end;
    }
    return { args, end: offset };
  }

  private line(from: number): { text: string; end: number } | undefined {
    const at = this.buffer.indexOf('\r\n', from);
    return at < 0 ? undefined : { text: this.buffer.subarray(from, at).toString('latin1'), end: at + 2 };
  }
}
