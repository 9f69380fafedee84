import { routeDefaultLogs } from '@pcms/logging';
import { Writable } from 'node:stream';

/** One JSON line a logger wrote: pino's level number, `app`, `msg` and the fields. */
export interface CapturedLine {
  readonly level: number;
  readonly app?: string;
  readonly msg?: string;
  readonly [field: string]: unknown;
}

const WARN = 40;

/**
 * The lines of every logger created without a destination, kept in memory while the capture is
 * open (pino writes one JSON document per line). A test that provokes a warning on purpose (a
 * broker connection it closes) asserts it here rather than letting it print among the results.
 */
export class LogCapture {
  readonly lines: CapturedLine[] = [];

  private constructor() {}

  /**
   * Routes loggers created from now on into a new capture, and also to `echo` when given (a
   * developer who asked to see the logs); `close()` routes them back to stdout.
   */
  static open(echo?: NodeJS.WritableStream): LogCapture {
    const capture = new LogCapture();
    routeDefaultLogs(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          echo?.write(chunk);
          for (const line of chunk.toString().split('\n')) {
            if (line.trim() !== '') capture.lines.push(JSON.parse(line) as CapturedLine);
          }
          done();
        },
      }),
    );
    return capture;
  }

  /** Warnings and errors, optionally of one app. */
  warnings(app?: string): CapturedLine[] {
    return this.lines.filter((line) => line.level >= WARN && (app === undefined || line.app === app));
  }

  close(): void {
    routeDefaultLogs(undefined);
  }
}
