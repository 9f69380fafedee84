import { StringDecoder } from 'node:string_decoder';

/**
 * Labels every line of one app's stream. Pipes cut output anywhere, so a partial line waits for
 * its end; the decoder keeps a multi-byte character cut in two (the logs are French too) whole.
 */
export class LinePrefixer {
  private readonly decoder = new StringDecoder('utf8');
  private pending = '';

  constructor(
    private readonly label: string,
    private readonly out: NodeJS.WritableStream,
    /** Told each whole line as the app wrote it (the supervisor watches for "started"). */
    private readonly onLine?: (line: string) => void,
  ) {}

  write(chunk: Buffer): void {
    const lines = (this.pending + this.decoder.write(chunk)).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.emit(line);
  }

  end(): void {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (rest !== '') this.emit(rest);
  }

  private emit(line: string): void {
    this.out.write(`${this.label} ${line}\n`);
    this.onLine?.(line);
  }
}
