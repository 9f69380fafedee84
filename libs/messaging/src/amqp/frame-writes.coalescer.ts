/** The two pieces of amqplib's connection this reaches (`lib/connection.js`, `lib/mux.js`). */
interface AmqplibConnectionParts {
  readonly muxer?: { _readIncoming?: () => void };
  readonly stream?: { cork?: () => void; uncork?: () => void };
}

/**
 * amqplib's multiplexer hands the socket one `write` per frame: acknowledging 30 deliveries and
 * publishing 30 messages in one tick made 60 system calls, each also running the loopback TCP path
 * on the broker's side (`writeBuffer`, a fifth of an adapter's CPU in the issue 14 profiles).
 * Corked around one pass of the multiplexer, the socket sends them as one `writev`; the frames, their
 * order and the back-pressure (`write` still says when the socket is full) are unchanged.
 *
 * It reaches into amqplib's internals (`connection.muxer._readIncoming`, `connection.stream`); when
 * a version no longer has them it changes nothing and says so (false), and frames go out as before.
 */
export function coalesceFrameWrites(channelModel: unknown): boolean {
  const connection = (channelModel as { connection?: AmqplibConnectionParts } | undefined)?.connection;
  const muxer = connection?.muxer;
  const socket = connection?.stream;
  const readIncoming = muxer?._readIncoming;
  if (!muxer || typeof readIncoming !== 'function') return false;
  if (typeof socket?.cork !== 'function' || typeof socket.uncork !== 'function') return false;
  muxer._readIncoming = () => {
    socket.cork?.();
    try {
      readIncoming.call(muxer);
    } finally {
      socket.uncork?.();
    }
  };
  return true;
}
