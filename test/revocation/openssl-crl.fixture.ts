// Revocation lists made by OpenSSL (`openssl ca -gencrl`), so the gateway is proven to enforce
// what an operator's own tooling publishes, not only what our PKI writes.
import type { Credential } from '@pcms/trust';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A CRL signed by `ca` listing `serials` (hex, as PkiStore names them). */
export function opensslCrl(ca: Credential, serials: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'pcms-crl-'));
  try {
    writeFileSync(join(dir, 'ca.crt'), ca.certificatePem);
    writeFileSync(join(dir, 'ca.key'), ca.privateKeyPem, { mode: 0o600 });
    writeFileSync(join(dir, 'crlnumber'), '01\n');
    writeFileSync(join(dir, 'index.txt'), serials.map(indexLine).join(''));
    writeFileSync(
      join(dir, 'openssl.cnf'),
      [
        '[ca]',
        'default_ca = ca_default',
        '[ca_default]',
        `database = ${join(dir, 'index.txt')}`,
        `crlnumber = ${join(dir, 'crlnumber')}`,
        `certificate = ${join(dir, 'ca.crt')}`,
        `private_key = ${join(dir, 'ca.key')}`,
        'default_md = sha256',
        'default_crl_days = 7',
        '',
      ].join('\n'),
    );
    return execFileSync('openssl', ['ca', '-gencrl', '-config', join(dir, 'openssl.cnf')], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The same CRL with one bit of its signature flipped: well-formed, not signed by the CA. */
export function withBrokenSignature(crlPem: string): string {
  const der = Buffer.from(crlPem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
  der[der.length - 1] ^= 0x01;
  const base64 = der.toString('base64').replace(/(.{64})/g, '$1\n');
  return `-----BEGIN X509 CRL-----\n${base64.trimEnd()}\n-----END X509 CRL-----\n`;
}

// openssl's CA database (index.txt): status, expiry, revocation date, serial, file, subject.
function indexLine(serial: string): string {
  const hex = serial.toUpperCase().padStart(serial.length + (serial.length % 2), '0');
  return `R\t491231235959Z\t${opensslTime(new Date())},keyCompromise\t${hex}\tunknown\t/CN=revoked\n`;
}

function opensslTime(date: Date): string {
  return date.toISOString().replace(/^\d\d(\d\d)-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d).*$/, '$1$2$3$4$5$6Z');
}
