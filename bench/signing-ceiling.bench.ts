// How fast this machine signs and verifies, outside the gateway: the ceiling the gateway's own
// signing (once per notice at the I-24/7 adapter) and verifying (once per submission) run under.
import { CmsSigner, SignatureVerifier, type Credential } from '@pcms/trust';
import { createPrivateKey, sign } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { ratePerSecond } from './latency.stats';

export interface SigningCeiling {
  contentBytes: number;
  secondsEach: number;
  /** Bare RSA-2048 PKCS#1 v1.5 over SHA-256 (`crypto.sign`). */
  nodeSignPerSecond: number;
  /** Our detached CMS SignedData (`CmsSigner.sign`). */
  cmsSignPerSecond: number;
  /** Our full verification (`SignatureVerifier.verify`: digest, RSA, chain, dates, usage). */
  cmsVerifyPerSecond: number;
}

export function measureSigningCeiling(
  credential: Credential,
  caPem: string,
  content: Buffer,
  secondsEach: number,
): SigningCeiling {
  const key = createPrivateKey(credential.privateKeyPem);
  const signer = new CmsSigner(credential);
  const verifier = new SignatureVerifier({ trustAnchorsPem: [caPem] });
  const signature = signer.sign(content);
  return {
    contentBytes: content.length,
    secondsEach,
    nodeSignPerSecond: rateOf(secondsEach, () => sign('sha256', content, key)),
    cmsSignPerSecond: rateOf(secondsEach, () => signer.sign(content)),
    cmsVerifyPerSecond: rateOf(secondsEach, () => verifier.verify(content, signature)),
  };
}

/** Runs `operation` for about `seconds`, reading the clock every few calls, and returns calls/s. */
function rateOf(seconds: number, operation: () => unknown): number {
  operation(); // warm-up: key parsing and caches are not what is measured
  const start = performance.now();
  const budgetMs = seconds * 1000;
  let calls = 0;
  let elapsed = 0;
  while (elapsed < budgetMs) {
    for (let i = 0; i < 8; i += 1) operation();
    calls += 8;
    elapsed = performance.now() - start;
  }
  return ratePerSecond(calls, elapsed);
}
