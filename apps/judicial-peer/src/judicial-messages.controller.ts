import { Controller, Get, Inject, Post, Req, Res } from '@nestjs/common';
import { JUDICIAL_MESSAGES_PATH, JudicialPeerInbox, type JudicialMessage } from '@pcms/judicial';
import { clientIdentity, SignedHttpError, SignedHttpHeader } from '@pcms/signed-http';
import type { JsonResponse, RawBodyRequest } from './http.types';

/** Called with each message registered for the first time (the demo's automatic RECEIVED). */
export const ON_REGISTERED = Symbol('ON_REGISTERED');
export type OnRegistered = (message: JudicialMessage) => void;

/**
 * An authority's system as the gateway sees it: 202 `{ registered: true, messageId }` for a new
 * message, 200 with `duplicate: true` for one it holds (the gateway's receipt `retrieved` either
 * way), 4xx `{ code, reason, raison }` for what it refuses.
 */
@Controller(JUDICIAL_MESSAGES_PATH.slice(1))
export class JudicialMessagesController {
  constructor(
    @Inject(JudicialPeerInbox) private readonly inbox: JudicialPeerInbox,
    @Inject(ON_REGISTERED) private readonly onRegistered: OnRegistered,
  ) {}

  @Post()
  async accept(@Req() req: RawBodyRequest, @Res() res: JsonResponse): Promise<void> {
    let client;
    try {
      client = clientIdentity(req);
    } catch (error: unknown) {
      if (!(error instanceof SignedHttpError)) throw error;
      res
        .status(403)
        .json({ code: error.code, reason: error.message, raison: 'Certificat client illisible' });
      return;
    }
    const outcome = await this.inbox.accept({
      body: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
      signatureB64: headerOf(req, SignedHttpHeader.SIGNATURE),
      messageIdHeader: headerOf(req, SignedHttpHeader.MESSAGE_ID),
      to: addresseeOf(req),
      client,
    });
    if (!outcome.ok) {
      res.status(outcome.status).json({ code: outcome.code, reason: outcome.reason, raison: outcome.raison });
      return;
    }
    const messageId = outcome.message.id;
    if (outcome.stored === 'duplicate') {
      res.status(200).json({ registered: true, duplicate: true, messageId });
      return;
    }
    res.status(202).json({ registered: true, messageId });
    this.onRegistered(outcome.message);
  }

  /** What the peer holds, oldest first (the CLI reads the folder itself: `pcms judicial inbox`). */
  @Get()
  async list(): Promise<{ messageId: string; type: string; from: string; storedAt: string }[]> {
    const held = await this.inbox.list();
    return held.map(({ messageId, type, from, storedAt }) => ({ messageId, type, from, storedAt }));
  }
}

function headerOf(req: RawBodyRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The judicial adapter names the authority a delivery is for: `?to=<id>` on the endpoint. */
function addresseeOf(req: RawBodyRequest): string | undefined {
  const to = new URL(req.url ?? '/', 'https://peer.invalid').searchParams.get('to');
  return to === null || to === '' ? undefined : to;
}
