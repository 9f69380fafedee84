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
  ) {}

  write(chunk: Buffer): void {
    const lines = (this.pending + this.decoder.write(chunk)).split('\n');
    this.pending = lines.pop() ?? '';
    for (const line of lines) this.out.write(`${this.label} ${line}\n`);
  }

  end(): void {
    const rest = this.pending + this.decoder.end();
    this.pending = '';
    if (rest !== '') this.out.write(`${this.label} ${rest}\n`);
  }
}
