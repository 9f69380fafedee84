import { readFileSync } from 'node:fs';

/** Why `send` sent nothing; the envelope's own codes are used where the door would use them. */
export enum SendErrorCode {
  TOO_LARGE = 'SEND_TOO_LARGE',
  OPTIONS_CONFLICT = 'SEND_OPTIONS_CONFLICT',
  SIGNATURE_UNREADABLE = 'SEND_SIGNATURE_UNREADABLE',
}

/** A refusal of the command line, said in English and French; never a stack. */
export class SendError extends Error {
  override readonly name = 'SendError';

  constructor(
    readonly code: string,
    readonly english: string,
    readonly french: string,
    options?: { cause?: unknown },
  ) {
    super(english, options);
  }
}

// RFC 7468 §2: `-----BEGIN CMS-----` (or PKCS7, as `openssl cms -outform PEM` writes) around base64.
const PEM = /^-----BEGIN ([A-Z0-9 ]+)-----\r?\n([\s\S]*?)\r?\n-----END \1-----\s*$/;

/** A detached CMS SignedData from a file, DER or PEM; its content is judged by the gateway. */
export function readDetachedSignature(path: string): Buffer {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (cause: unknown) {
    throw new SendError(
      SendErrorCode.SIGNATURE_UNREADABLE,
      `cannot read the signature ${path} (${(cause as NodeJS.ErrnoException).code ?? 'error'})`,
      `impossible de lire la signature ${path}`,
      { cause },
    );
  }
  const pem = PEM.exec(bytes.toString('latin1').trim());
  const der = pem ? Buffer.from(pem[2].replace(/\s+/g, ''), 'base64') : bytes;
  // ASN.1 DER (X.690 §8.9): a ContentInfo is a SEQUENCE, tag 0x30.
  if (der.length < 2 || der[0] !== 0x30) {
    throw new SendError(
      SendErrorCode.SIGNATURE_UNREADABLE,
      `${path} is neither a DER nor a PEM detached CMS signature`,
      `${path} n’est pas une signature CMS détachée DER ou PEM`,
    );
  }
  return der;
}
