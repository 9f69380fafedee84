import { CRL_FILE, RevocationList } from '@pcms/trust';
import { existsSync, readFileSync, watch, type FSWatcher } from 'node:fs';
import { join } from 'node:path';
import { codeOf, type MaintenanceLogger } from './maintenance.logger';
import type { RevocationMetrics } from './revocation.metrics';

/** What the watcher swaps lists into: the process's SignatureVerifier. */
export interface RevocationTarget {
  useRevocation(list: RevocationList | undefined): void;
}

export interface RevocationWatcherOptions {
  pkiDirectory: string;
  caCertificatePem: string;
  target: RevocationTarget;
  logger: MaintenanceLogger;
  metrics?: RevocationMetrics;
  /** Editors and `cp` write a file in several events; one reload once they are done. Default 200 ms. */
  debounceMs?: number;
  now?: () => Date;
}

/** An older list than the one in force: refused, whatever its signature. */
export const CRL_ROLLBACK = 'CRL_ROLLBACK';

export type ReloadResult = 'loaded' | 'unchanged' | 'absent' | 'refused';

/**
 * Keeps the process's revocation list current: loaded at start, reloaded when `crl.pem` changes
 * in the PKI folder and whenever `reload()` is called (the scheduled refresh). A list that fails
 * verification never replaces the one in force, and neither does a missing file once a list was
 * loaded: losing a file must not un-revoke anyone.
 */
export class RevocationWatcher {
  private list: RevocationList | undefined;
  private loadedPem: string | undefined;
  private watcher: FSWatcher | undefined;
  private debounce: NodeJS.Timeout | undefined;

  constructor(private readonly options: RevocationWatcherOptions) {}

  get current(): RevocationList | undefined {
    return this.list;
  }

  start(): ReloadResult {
    const result = this.reload();
    // The folder, not the file: `pki crl` may replace crl.pem (rename), which ends a watch on the file.
    this.watcher = watch(this.options.pkiDirectory, (_event, file) => {
      if (file === null || file === CRL_FILE) this.scheduleReload();
    });
    this.watcher.on('error', (error: Error) =>
      this.options.logger.error(
        { error: error.name, directory: this.options.pkiDirectory },
        'cannot watch the PKI folder / surveillance du dossier PKI impossible',
      ),
    );
    return result;
  }

  stop(): void {
    clearTimeout(this.debounce);
    this.watcher?.close();
    this.watcher = undefined;
  }

  reload(): ReloadResult {
    const { logger, pkiDirectory } = this.options;
    const file = join(pkiDirectory, CRL_FILE);
    if (!existsSync(file)) {
      if (this.list) {
        logger.warn(
          { file },
          'revocation list removed, the last one stays in force / liste de révocation supprimée, la dernière reste en vigueur',
        );
        return 'unchanged';
      }
      logger.info(
        { file },
        'no revocation list, nothing is revoked / aucune liste de révocation, rien n’est révoqué',
      );
      return 'absent';
    }
    let pem: string;
    let list: RevocationList;
    try {
      pem = readFileSync(file, 'utf8');
      if (pem === this.loadedPem) return 'unchanged';
      list = RevocationList.fromPem(pem, this.options.caCertificatePem);
    } catch (error: unknown) {
      this.options.metrics?.refused.inc({ code: codeOf(error) });
      logger.error(
        { file, code: codeOf(error) },
        'revocation list refused, the previous one stays in force / liste de révocation refusée, la précédente reste en vigueur',
      );
      return 'refused';
    }
    if (this.list && list.thisUpdate < this.list.thisUpdate) {
      // RFC 5280 §5.1.2.4: thisUpdate orders issues of a CRL; an older one is a rollback.
      this.options.metrics?.refused.inc({ code: CRL_ROLLBACK });
      logger.error(
        { file, code: CRL_ROLLBACK, thisUpdate: list.thisUpdate, inForce: this.list.thisUpdate },
        'revocation list older than the one in force, refused / liste plus ancienne que celle en vigueur, refusée',
      );
      return 'refused';
    }
    this.list = list;
    this.loadedPem = pem;
    this.options.target.useRevocation(list);
    this.options.metrics?.revokedCertificates.set(list.revokedSerials.length);
    this.options.metrics?.thisUpdateSeconds.set(Math.floor(list.thisUpdate.getTime() / 1000));
    this.logLoaded(list);
    return 'loaded';
  }

  private logLoaded(list: RevocationList): void {
    const now = this.options.now?.() ?? new Date();
    const fields = {
      thisUpdate: list.thisUpdate,
      nextUpdate: list.nextUpdate,
      revoked: list.revokedSerials.length,
    };
    this.options.logger.info(fields, 'revocation list loaded / liste de révocation chargée');
    if (list.nextUpdate && list.nextUpdate < now) {
      // Still enforced: a stale list revokes less than it should, never more.
      this.options.logger.warn(
        fields,
        'revocation list past its nextUpdate, publish a new one (pki crl) / liste de révocation périmée, en publier une nouvelle (pki crl)',
      );
    }
  }

  private scheduleReload(): void {
    clearTimeout(this.debounce);
    this.debounce = setTimeout(() => this.reload(), this.options.debounceMs ?? 200);
    this.debounce.unref();
  }
}
