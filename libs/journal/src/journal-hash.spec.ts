import { journalEntryHash, journalEventId, payloadDigest } from './journal-hash';

// Expected values computed outside Node: printf '%s' '<prevHash><canonical JSON>' | sha256sum
describe(journalEntryHash.name, () => {
  it('hashes the canonical JSON of the entry (RFC 8785 member order) after an empty prevHash', () => {
    const sut = journalEntryHash({
      stage: 'policy',
      seq: 1,
      prevHash: '',
      messageId: 'm-1',
      eventId: 'e-1',
      details: { sender: 'CM-PCMS', rule: 'r-1' },
      at: '2025-01-02T03:04:05.000Z',
      app: 'router',
      payloadDigest: 'aa',
    });

    expect(sut).toBe('a528198813526c848724fe95a32847d8c567e36503e1bdc8163ab550c1834726');
  });

  it('prefixes the previous hash and leaves absent members out', () => {
    const sut = journalEntryHash({
      seq: 2,
      prevHash: 'ff',
      eventId: 'e-2',
      messageId: 'm-1',
      correlationId: undefined,
      stage: 'routed',
      app: 'router',
      at: '2025-01-02T03:04:05.000Z',
      details: {},
    });

    expect(sut).toBe('e70d2dd1f592c78bf6bf873a52af4c9d8c793173e7769e7ffae9f308a4e43232');
  });
});

describe(journalEventId.name, () => {
  it('is the sha256 of the canonical array of its parts', () => {
    expect(journalEventId('m-1', 'received', 'router')).toBe(
      '2298bcc4d041cbe085dc9a7c2d546a52d53ea79c0ae16c90b71cdec791b3393d',
    );
  });

  it('tells apart parts that a separator would have joined into the same text', () => {
    expect(journalEventId('m|1', 'received', 'router')).not.toBe(journalEventId('m', 'received', '1|router'));
    expect(journalEventId('m-1', 'failed', 'router', '1')).not.toBe(
      journalEventId('m-1', 'failed', 'router', '2'),
    );
  });
});

describe(payloadDigest.name, () => {
  it('is the sha256 of the bytes', () => {
    expect(payloadDigest(Buffer.from('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });
});
