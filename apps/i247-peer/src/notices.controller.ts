import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { basename } from 'node:path';
import { PeerError, PeerErrorCode, PeerInbox } from '@pcms/peer';
import { clientIdentity, SignedHttpHeader } from '@pcms/signed-http';
import type { JsonResponse, RawBodyRequest } from './http.types';

/** Only the gateway delivers notices to the peer. */
const GATEWAY_ID = 'GATEWAY';

@Controller('notices')
export class NoticesController {
  constructor(@Inject(PeerInbox) private readonly inbox: PeerInbox) {}

  /** 202 stored, 200 already held (idempotent by message id), 400/403 `{ code, reason }`. */
  @Post()
  async accept(@Req() req: RawBodyRequest, @Res() res: JsonResponse): Promise<void> {
    const client = clientIdentity(req);
    if (client.id !== GATEWAY_ID) {
      throw new PeerError(PeerErrorCode.PEER_CLIENT_NOT_ALLOWED, `${client.id} may not deliver notices here`);
    }
    const messageId = headerOf(req, SignedHttpHeader.MESSAGE_ID) ?? '';
    const signature = headerOf(req, SignedHttpHeader.SIGNATURE);
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);

    const result = await this.inbox.accept(
      body,
      signature ? Buffer.from(signature, 'base64') : undefined,
      messageId,
    );

    res.status(result.stored === 'new' ? 202 : 200).json({
      messageId,
      stored: result.stored,
      file: basename(result.files.xml),
    });
  }

  @Get()
  async list(): Promise<{ name: string; storedAt: string }[]> {
    const notices = await this.inbox.list();
    return notices.map(({ name, storedAt }) => ({ name, storedAt: storedAt.toISOString() }));
  }
}

function headerOf(req: RawBodyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
