import { Controller, Get, Inject, Param, Req, Res } from '@nestjs/common';
import { JUDICIAL_ATTACHMENTS_PATH, JudicialPeerAttachments } from '@pcms/judicial';
import { clientIdentity, SignedHttpError } from '@pcms/signed-http';
import { createReadStream } from 'node:fs';
import type { ServerResponse } from 'node:http';
import type { RawBodyRequest } from './http.types';

/**
 * Every authority's system serving the files its requests name: `GET /judicial/attachments/<authority>/<file>`
 * to the gateway (its door fetches them to compare their digests); 403 to any other client, 404 for
 * a file it does not hold.
 */
@Controller(JUDICIAL_ATTACHMENTS_PATH.slice(1))
export class JudicialAttachmentsController {
  constructor(@Inject(JudicialPeerAttachments) private readonly attachments: JudicialPeerAttachments) {}

  @Get(':authority/:file')
  async serve(
    @Req() req: RawBodyRequest,
    @Res() res: ServerResponse,
    @Param('authority') authority: string,
    @Param('file') file: string,
  ): Promise<void> {
    let client: string;
    try {
      client = clientIdentity(req).id;
    } catch (error: unknown) {
      if (!(error instanceof SignedHttpError)) throw error;
      answer(res, 403, { code: error.code, reason: error.message, raison: 'Certificat client illisible' });
      return;
    }
    const found = await this.attachments.find(client, authority, file);
    if (!found.ok) {
      answer(res, found.status, { code: found.code, reason: found.reason, raison: found.raison });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': found.bytes });
    createReadStream(found.path)
      .on('error', () => res.destroy())
      .pipe(res);
  }
}

function answer(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
