import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HandledMessageStore } from './handled-message.store';

describe(HandledMessageStore.name, () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'pcms-handled-'));
    file = join(dir, 'nested', 'handled.sqlite');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('marks an id handled once: the second mark says it was already there', () => {
    const sut = HandledMessageStore.open(file);

    expect(sut.hasHandled('m-1')).toBe(false);
    expect(sut.markHandled('m-1')).toBe(true);
    expect(sut.markHandled('m-1')).toBe(false);
    expect(sut.hasHandled('m-1')).toBe(true);
    expect(sut.hasHandled('m-2')).toBe(false);
    expect(sut.handledCount).toBe(1);
    sut.close();
  });

  it('keeps what it recorded across a close and a reopen of the same file', () => {
    const first = HandledMessageStore.open(file);
    first.markHandled('m-1');
    first.recordRefusal({ messageId: 'm-2', code: 'SIGNATURE_INVALID', reason: 'r', refusedAt: 'now' });
    first.close();

    const sut = HandledMessageStore.open(file);

    expect(sut.hasHandled('m-1')).toBe(true);
    expect(sut.refusals()).toEqual([
      { messageId: 'm-2', code: 'SIGNATURE_INVALID', reason: 'r', refusedAt: 'now' },
    ]);
    sut.close();
  });

  it('keeps refusals in order, a copy without an id included, and records no id for them', () => {
    const sut = HandledMessageStore.open(file);
    sut.recordRefusal({ messageId: 'm-1', code: 'SIGNATURE_INVALID', reason: 'a', refusedAt: 't1' });
    sut.recordRefusal({ messageId: undefined, code: 'SIGNATURE_MISSING', reason: 'b', refusedAt: 't2' });

    expect(sut.refusals().map((refusal) => [refusal.messageId, refusal.code])).toEqual([
      ['m-1', 'SIGNATURE_INVALID'],
      [undefined, 'SIGNATURE_MISSING'],
    ]);
    expect(sut.hasHandled('m-1')).toBe(false);
    sut.close();
  });

  it('forgets only the ids handled before the cutoff', () => {
    const sut = HandledMessageStore.open(file);
    sut.markHandled('old', new Date('2026-01-01T00:00:00Z'));
    sut.markHandled('new', new Date('2026-06-01T00:00:00Z'));

    expect(sut.forgetHandledBefore(new Date('2026-03-01T00:00:00Z'))).toBe(1);
    expect(sut.hasHandled('old')).toBe(false);
    expect(sut.hasHandled('new')).toBe(true);
    sut.close();
  });

  it('applies an effect and records the id in one transaction: a throw leaves neither', () => {
    const sut = HandledMessageStore.open(file);
    const effects = (): number =>
      sut.applyOnce(
        'probe',
        (db) => (db.prepare('select count(*) as n from effect').get() as { n: number }).n,
      );
    sut.applyOnce('setup', (db) => db.exec('create table effect (id text)'));

    expect(() =>
      sut.applyOnce('m-1', (db) => {
        db.prepare('insert into effect (id) values (?)').run('m-1');
        throw new Error('platform rule refused it');
      }),
    ).toThrow('platform rule refused it');
    expect(sut.hasHandled('m-1')).toBe(false);
    expect(effects()).toBe(0);

    sut.applyOnce('m-1', (db) => db.prepare('insert into effect (id) values (?)').run('m-1'));
    expect(sut.hasHandled('m-1')).toBe(true);
    expect(effects()).toBe(1);
    sut.close();
  });
});
