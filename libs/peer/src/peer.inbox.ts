import { randomBytes } from 'node:crypto';
import { appendFile, mkdir, open, readdir, readFile, rename, stat, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { SignatureVerifier } from '@pcms/trust';
import { noticeFileName } from './notice-file-name';
import { PeerError, PeerErrorCode } from './peer.error';

export interface NoticeFiles {
  xml: string;
  /** The detached CMS SignedData (DER) as received: `openssl cms -verify -binary -inform DER` reads it. */
  signature: string;
}

export interface AcceptedNotice {
  stored: 'new' | 'duplicate';
  files: NoticeFiles;
  signerId: string;
}

export interface StoredNotice {
  name: string;
  files: NoticeFiles;
  storedAt: Date;
}

/** One line of `receipts.log`: every verified delivery, duplicates included. */
export interface Receipt {
  messageId: string;
  stored: 'new' | 'duplicate';
  at: string;
}

const RECEIPTS_FILE = 'receipts.log';

export interface PeerInboxOptions {
  /** The only party whose signature the peer accepts. */
  expectedSigner?: string;
}

/**
 * The peer's inbox folder: each verified notice as `<name>.xml` beside its `<name>.p7s`.
 *
 * Both are written to a temporary name, flushed and renamed (rename is atomic within a folder,
 * POSIX rename(2)), the `.xml` last: a notice is listed only once both files are whole.
 */
export class PeerInbox {
  private readonly expectedSigner: string;
  /** Serialises accepts of one message id, so that two copies never race to the same files. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(
    readonly directory: string,
    private readonly verifier: SignatureVerifier,
    options: PeerInboxOptions = {},
  ) {
    this.expectedSigner = options.expectedSigner ?? 'GATEWAY';
  }

  /** Verifies, then stores once. Throws the verifier's TrustError, or a PeerError. */
  async accept(xml: Buffer, signatureDer: Buffer | undefined, messageId: string): Promise<AcceptedNotice> {
    const name = noticeFileName(messageId);
    if (xml.length === 0) throw new PeerError(PeerErrorCode.PEER_BODY_EMPTY, 'The request carries no notice');
    // Verified before anything else, duplicates included: an unsigned request learns nothing.
    const { signerId } = this.verifier.verify(xml, signatureDer, { expectedSigner: this.expectedSigner });
    const signature = signatureDer as Buffer;

    const previous = this.inFlight.get(name) ?? Promise.resolve();
    const current = previous.then(
      () => this.store(name, xml, signature),
      () => this.store(name, xml, signature),
    );
    this.inFlight.set(name, current);
    try {
      const accepted = await current;
      await this.recordReceipt({ messageId, stored: accepted.stored, at: new Date().toISOString() });
      return { ...accepted, signerId };
    } finally {
      if (this.inFlight.get(name) === current) this.inFlight.delete(name);
    }
  }

  /**
   * Every verified delivery the peer received, in order: an external network counts deliveries,
   * not files, so a duplicate delivery shows here even though it stores nothing.
   */
  async receipts(): Promise<Receipt[]> {
    const text = await readFile(join(this.directory, RECEIPTS_FILE), 'utf8').catch((error: unknown) => {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return '';
      throw error;
    });
    return text
      .split('\n')
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line) as Receipt);
  }

  async list(): Promise<StoredNotice[]> {
    let entries: string[];
    try {
      entries = await readdir(this.directory);
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const names = entries
      .filter((entry) => entry.endsWith('.xml') && !entry.startsWith('.'))
      .map((entry) => entry.slice(0, -4));
    const notices = await Promise.all(
      names.map(async (name) => {
        const files = this.filesOf(name);
        return { name, files, storedAt: (await stat(files.xml)).mtime };
      }),
    );
    return notices.sort(
      (a, b) => a.storedAt.getTime() - b.storedAt.getTime() || a.name.localeCompare(b.name),
    );
  }

  private async store(
    name: string,
    xml: Buffer,
    signature: Buffer,
  ): Promise<Omit<AcceptedNotice, 'signerId'>> {
    const files = this.filesOf(name);
    if (await exists(files.xml)) return { stored: 'duplicate', files };
    await mkdir(this.directory, { recursive: true });
    // A .p7s left alone by a crash before its .xml is simply replaced.
    await this.writeAtomically(files.signature, signature);
    await this.writeAtomically(files.xml, xml);
    return { stored: 'new', files };
  }

  private async recordReceipt(receipt: Receipt): Promise<void> {
    await mkdir(this.directory, { recursive: true });
    await appendFile(join(this.directory, RECEIPTS_FILE), `${JSON.stringify(receipt)}\n`);
  }

  private filesOf(name: string): NoticeFiles {
    return { xml: join(this.directory, `${name}.xml`), signature: join(this.directory, `${name}.p7s`) };
  }

  private async writeAtomically(path: string, content: Buffer): Promise<void> {
    const temporary = join(this.directory, `.${randomBytes(8).toString('hex')}.tmp`);
    const handle = await open(temporary, 'wx', 0o640);
    try {
      await handle.writeFile(content);
      await handle.sync();
    } finally {
      await handle.close();
    }
    try {
      await rename(temporary, path);
    } catch (error: unknown) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
