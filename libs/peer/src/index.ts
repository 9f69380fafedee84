export { noticeFileName } from './notice-file-name';
export { PeerError, PeerErrorCode } from './peer.error';
export {
  PeerInbox,
  type AcceptedNotice,
  type NoticeFiles,
  type PeerInboxOptions,
  type Receipt,
  type StoredNotice,
} from './peer.inbox';
export { PEER_ID, PeerSender, type PeerSenderOptions } from './peer.sender';
