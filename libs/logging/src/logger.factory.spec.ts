import { Writable } from 'node:stream';
import { createLogger, forMessage, routeDefaultLogs } from './logger.factory';

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

describe(routeDefaultLogs.name, () => {
  afterEach(() => routeDefaultLogs(undefined));

  it('sends the loggers created afterwards to the routed destination, not those made before', () => {
    const routed: string[] = [];
    const before = createLogger(
      'router',
      'warn',
      new Writable({ write: (_chunk, _encoding, done) => done() }),
    );
    routeDefaultLogs(
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          routed.push(chunk.toString());
          done();
        },
      }),
    );

    createLogger('journal-writer', 'warn').warn({ queue: 'q' }, 'broker connection lost, reconnecting');
    before.warn('not routed');

    expect(routed.map((line) => JSON.parse(line) as Record<string, unknown>)).toEqual([
      expect.objectContaining({
        app: 'journal-writer',
        level: 40,
        msg: 'broker connection lost, reconnecting',
      }),
    ]);
  });
});
