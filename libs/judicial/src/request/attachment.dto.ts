// Attachments travel by reference, never inline (as photos do in PCMS payloads); the digest lets
// the receiver prove the file it fetched is the one the request was signed over.
import { Matches } from 'class-validator';
import { IsAbsoluteUri, OptionalText, RequiredText } from './judicial-field.decorators';

export class AttachmentDto {
  @IsAbsoluteUri()
  uri: string;

  /** Hex SHA-256 of the file's bytes (FIPS 180-4), lower case. */
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be 64 lower-case hexadecimal digits (SHA-256)' })
  sha256: string;

  @RequiredText()
  title: string;

  @OptionalText()
  mediaType?: string;
}
