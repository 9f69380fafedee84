// The files the local judicial peer serves as every authority's system (issue 15): the judicial
// door fetches the attachments a request names from its sender's system to compare their SHA-256.
// `<folder>/<authority>/<file>`, read by the gateway only; `pcms judicial send --attach` puts a
// file there and names it in the request with its digest. Names are plain (letters, digits, dot,
// dash, underscore, no leading dot): a path from the URL never leaves the folder.
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, isAbsolute, join } from 'node:path';
import type { LoadedConfig } from '@pcms/config';
import { JUDICIAL_ATTACHMENTS_PATH } from '../door/judicial-door.attachments';

const PLAIN_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export type JudicialPeerFile =
  | { ok: true; path: string; bytes: number }
  | { ok: false; status: 403 | 404; code: string; reason: string; raison: string };

/** judicialPeer.attachmentsDir, relative to dataDir unless absolute. */
export function judicialPeerAttachmentsOf(config: LoadedConfig): string {
  const dir = config.judicialPeer.attachmentsDir;
  return isAbsolute(dir) ? dir : join(config.paths.data, dir);
}

export class JudicialPeerAttachments {
  constructor(
    readonly folder: string,
    private readonly gatewayId = 'GATEWAY',
  ) {}

  /** The file to send back to `client` for `<authority>/<name>`, or why not. */
  async find(client: string, authority: string, name: string): Promise<JudicialPeerFile> {
    if (client !== this.gatewayId) {
      return {
        ok: false,
        status: 403,
        code: 'JUDICIAL_PEER_CLIENT_NOT_GATEWAY',
        reason: `${client} may not fetch attachments here: only ${this.gatewayId}`,
        raison: `${client} ne peut pas lire de pièces jointes ici : seulement ${this.gatewayId}`,
      };
    }
    const notFound: JudicialPeerFile = {
      ok: false,
      status: 404,
      code: 'JUDICIAL_PEER_ATTACHMENT_NOT_FOUND',
      reason: `no attachment ${authority}/${name}`,
      raison: `pas de pièce jointe ${authority}/${name}`,
    };
    if (!PLAIN_NAME.test(authority) || !PLAIN_NAME.test(name)) return notFound;
    const path = join(this.folder, authority, name);
    const found = await stat(path).catch(() => undefined);
    return found?.isFile() ? { ok: true, path, bytes: found.size } : notFound;
  }

  /**
   * Copies `source` where the peer serves it as `authority`'s system and returns what a request
   * names: the uri on `origin` (that authority's system) and the file's SHA-256. Synchronous: the
   * command line builds its message in one step.
   */
  put(authority: string, source: string, origin: string): { uri: string; sha256: string; name: string } {
    const name = basename(source)
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .replace(/^[._-]+/, '');
    if (!PLAIN_NAME.test(authority) || !PLAIN_NAME.test(name)) {
      throw new Error(`cannot serve ${source} as ${authority}: a plain file name is needed`);
    }
    const sha256 = createHash('sha256').update(readFileSync(source)).digest('hex');
    mkdirSync(join(this.folder, authority), { recursive: true });
    copyFileSync(source, join(this.folder, authority, name));
    return { uri: `${origin}${JUDICIAL_ATTACHMENTS_PATH}/${authority}/${name}`, sha256, name };
  }
}
