import { createHash } from 'node:crypto';
import { PeerError, PeerErrorCode } from './peer.error';

const MAX_MESSAGE_ID_LENGTH = 256;
const MAX_NAME_LENGTH = 100;

/**
 * The file name (without extension) a message id is stored under: only `[A-Za-z0-9._-]`, never
 * hidden, never `..`. An id that had to be changed gets a hash of the original appended, so that
 * `2024/123` and `2024_123` do not land in the same file.
 */
export function noticeFileName(messageId: string): string {
  if (messageId.length === 0 || messageId.length > MAX_MESSAGE_ID_LENGTH) {
    throw new PeerError(
      PeerErrorCode.PEER_MESSAGE_ID_INVALID,
      `The message id must have 1 to ${MAX_MESSAGE_ID_LENGTH} characters`,
    );
  }
  const safe = messageId.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\./, '_');
  if (safe === messageId && safe.length <= MAX_NAME_LENGTH) return safe;
  const digest = createHash('sha256').update(messageId, 'utf8').digest('hex').slice(0, 12);
  return `${safe.slice(0, MAX_NAME_LENGTH)}.${digest}`;
}
