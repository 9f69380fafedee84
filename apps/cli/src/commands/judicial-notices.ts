// `judicial show`'s linked notices: for each Interpol notice the request is linked to, what the
// journal knows of it (trace of the notice id) and the requests linked to the same notice.
import type { LoadedConfig } from '@pcms/config';
import { journalStoreFromConfig } from '@pcms/journal';
import {
  noticeStanding,
  type JudicialStore,
  type NoticeStanding,
  type StoredJudicialRequest,
} from '@pcms/judicial';

export async function noticeStandingsOf(
  config: LoadedConfig,
  store: JudicialStore,
  request: StoredJudicialRequest,
): Promise<NoticeStanding[]> {
  // Most requests name no notice: the journal is opened only for those that do.
  if (request.noticeLinks.length === 0) return [];
  const journal = await journalStoreFromConfig(config);
  try {
    const standings: NoticeStanding[] = [];
    for (const link of request.noticeLinks) {
      const [entries, linked] = await Promise.all([
        journal.trace(link.noticeId),
        store.linkedTo(link.noticeId),
      ]);
      standings.push(noticeStanding(link, entries, linked));
    }
    return standings;
  } finally {
    await journal.close();
  }
}
