import { noticeFileName } from './notice-file-name';
import { PeerError, PeerErrorCode } from './peer.error';

describe(noticeFileName.name, () => {
  const sut = noticeFileName;

  it('keeps an id that is already a safe file name', () => {
    expect(sut('3f1c2a9e-1b2c-4d5e-8f90-123456789abc')).toBe('3f1c2a9e-1b2c-4d5e-8f90-123456789abc');
  });

  it.each(['2024/12345', '../../etc/passwd', '.hidden', 'a b\u0000c', 'مرحبا', 'x'.repeat(200)])(
    'turns %j into a bounded name of safe characters',
    (id) => {
      // No separator and no leading dot: the name stays in the inbox folder and is never hidden.
      expect(sut(id)).toMatch(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,112}$/);
    },
  );

  it('keeps ids apart that differ only in unsafe characters', () => {
    expect(sut('2024/12345')).not.toBe(sut('2024_12345'));
    expect(sut('2024/12345')).not.toBe(sut('2024:12345'));
  });

  it.each(['', 'x'.repeat(257)])('refuses an id of length %#', (id) => {
    expect(() => sut(id)).toThrow(
      expect.objectContaining({ code: PeerErrorCode.PEER_MESSAGE_ID_INVALID }) as PeerError,
    );
  });
});
