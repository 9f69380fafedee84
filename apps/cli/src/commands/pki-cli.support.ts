import { InvalidArgumentError } from 'commander';
import { PkiStore, TrustError, TrustErrorCode } from '@pcms/trust';
import { readFileSync } from 'node:fs';
import type { CliContext } from '../cli.context';

/** `--days N`: a whole number of days, at least 1. */
export function parseDays(value: string): number {
  const days = Number(value);
  if (!Number.isInteger(days) || days < 1 || days > 36_500) {
    throw new InvalidArgumentError('a whole number of days from 1 / un nombre entier de jours à partir de 1');
  }
  return days;
}

/** `--json` output: one JSON document on stdout (errors go to stderr, so it stays parseable). */
export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function openStore(context: CliContext): PkiStore {
  return PkiStore.open(context.config.paths.pki);
}

export function readInput(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    throw new TrustError(TrustErrorCode.CREDENTIAL_INVALID, `Cannot read ${file}`, { cause });
  }
}

/**
 * Runs a pki action and turns a TrustError into an operator's message (code, what happened, what to
 * do, in English and French) and exit status 1. Messages name files, serials and parties, never
 * key material, so they may be printed as they are.
 */
export function pkiAction<A extends unknown[]>(action: (...args: A) => void): (...args: A) => void {
  return (...args: A) => {
    try {
      action(...args);
    } catch (error) {
      if (!(error instanceof TrustError)) throw error;
      const [english, french] = hintOf(error.code);
      process.stderr.write(`${error.code}: ${error.message}\n  EN: ${english}\n  FR: ${french}\n`);
      process.exitCode = 1;
    }
  };
}

/** pkiAction for an action that awaits (`pki init` makes keys in parallel). */
export function pkiActionAsync<A extends unknown[]>(
  action: (...args: A) => Promise<void>,
): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await action(...args);
    } catch (error) {
      pkiAction(() => {
        throw error;
      })();
    }
  };
}

function hintOf(code: TrustErrorCode): [string, string] {
  switch (code) {
    case TrustErrorCode.REQUEST_INVALID:
      return [
        'ask the platform for a new request: signed with its key, CN=<id>, OU=<role>',
        'demandez une nouvelle requête à la plateforme : signée par sa clé, CN=<id>, OU=<rôle>',
      ];
    case TrustErrorCode.PKI_STATE_CONFLICT:
      return ['see the certificates with: pcms pki list', 'voyez les certificats avec : pcms pki list'];
    case TrustErrorCode.CRL_INVALID:
      return ['publish a new list with: pcms pki crl', 'publiez une nouvelle liste : pcms pki crl'];
    case TrustErrorCode.CREDENTIAL_INVALID:
      return [
        'check the files; a PKI is created with: pcms pki init',
        'vérifiez les fichiers ; une PKI se crée avec : pcms pki init',
      ];
    case TrustErrorCode.CERTIFICATE_MALFORMED:
    case TrustErrorCode.SIGNATURE_MISSING:
    case TrustErrorCode.SIGNATURE_MALFORMED:
    case TrustErrorCode.SIGNATURE_ALGORITHM_UNSUPPORTED:
    case TrustErrorCode.SIGNATURE_INVALID:
    case TrustErrorCode.CERTIFICATE_UNTRUSTED:
    case TrustErrorCode.CERTIFICATE_EXPIRED:
    case TrustErrorCode.CERTIFICATE_NOT_YET_VALID:
    case TrustErrorCode.CERTIFICATE_KEY_USAGE:
    case TrustErrorCode.CERTIFICATE_REVOKED:
    case TrustErrorCode.SIGNER_MISMATCH:
      return [
        'give a PEM certificate, certificate request or revocation list',
        'donnez un certificat, une requête de certificat ou une liste de révocation PEM',
      ];
  }
}
