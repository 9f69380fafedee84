// One dashboard reader, as a browser page is: the console's live stream (`GET /events`, server-sent
// events) over HTTPS with a reader's client certificate; each `figures` event kept with the time
// the bench read it.
import type { Credential } from '@pcms/trust';
import type { ClientRequest } from 'node:http';
import { request } from 'node:https';
import { setTimeout as delay } from 'node:timers/promises';
import { countsOfEvent, type DashboardSample } from './console-figures';

const POLL_MS = 50;

export class DashboardStreamReader {
  readonly samples: DashboardSample[] = [];
  private request?: ClientRequest;
  private failure?: Error;

  /** `routeLabel`: the chart's label of the route counted, in English (the stream is asked in English). */
  private constructor(
    private readonly reader: Credential,
    private readonly caPem: string,
    private readonly routeLabel: string,
  ) {}

  static async connect(
    consoleUrl: string,
    reader: Credential,
    caPem: string,
    routeLabel: string,
  ): Promise<DashboardStreamReader> {
    const stream = new DashboardStreamReader(reader, caPem, routeLabel);
    await stream.open(new URL('/events?lang=en', consoleUrl));
    return stream;
  }

  /** The last sample, once one satisfies `done`; undefined when none did within `timeoutMs`. */
  async waitFor(
    done: (sample: DashboardSample) => boolean,
    timeoutMs: number,
  ): Promise<DashboardSample | undefined> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      if (this.failure) throw this.failure;
      const last = this.samples[this.samples.length - 1];
      if (last && done(last)) return last;
      if (Date.now() >= deadline) return undefined;
      await delay(POLL_MS);
    }
  }

  close(): void {
    this.request?.destroy();
  }

  private open(url: URL): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.request = request(
        url,
        {
          cert: this.reader.certificatePem,
          key: this.reader.privateKeyPem,
          ca: this.caPem,
          // The console serves the gateway's certificate, named by its id, not by 127.0.0.1: the CA
          // still vouches for it.
          checkServerIdentity: () => undefined,
          headers: { Accept: 'text/event-stream' },
        },
        (response) => {
          if (response.statusCode !== 200) {
            response.resume();
            return reject(new Error(`console /events answered ${response.statusCode} / a répondu`));
          }
          response.setEncoding('utf8');
          let pending = '';
          response.on('data', (chunk: string) => {
            pending += chunk;
            let end: number;
            while ((end = pending.indexOf('\n\n')) >= 0) {
              this.keep(pending.slice(0, end), Date.now());
              pending = pending.slice(end + 2);
            }
          });
          response.on('error', (error) => (this.failure = error));
          resolve();
        },
      );
      this.request.on('error', (error) => {
        this.failure = error;
        reject(error);
      });
      this.request.end();
    });
  }

  /** One event's block: `event: figures` then `data: {…}` (a `: comment` block is skipped). */
  private keep(block: string, at: number): void {
    const lines = block.split('\n');
    if (!lines.includes('event: figures')) return;
    const data = lines.find((line) => line.startsWith('data: '))?.slice('data: '.length);
    const counts = data === undefined ? undefined : countsOfEvent(data, this.routeLabel);
    if (counts) this.samples.push({ at, ...counts });
  }
}
