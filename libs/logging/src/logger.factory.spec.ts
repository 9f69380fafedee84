import { Writable } from 'node:stream';
import { createLogger, forMessage } from './logger.factory';

describe(forMessage.name, () => {
  it('puts messageId and correlationId on every line and redacts payloads', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const root = createLogger('pcms-adapter', 'info', sink);

    const sut = forMessage(root, { messageId: 'm-1', correlationId: 'c-1' });
    sut.info({ payload: { familyName: 'TRAORE' } }, 'verified');

    const line = JSON.parse(lines[0]) as Record<string, unknown>;
    expect(line).toMatchObject({
      app: 'pcms-adapter',
      messageId: 'm-1',
      correlationId: 'c-1',
      msg: 'verified',
      payload: '[redacted]',
    });
  });
});
