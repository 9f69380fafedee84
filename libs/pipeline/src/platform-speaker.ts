import { isPlatformId, type PlatformId } from '@pcms/envelope';
import { PipelineRejection } from './stage';

/** Who a certificate names: `CN=<id>, OU=<role>` (a TLS client, or the signer of a submission). */
export interface CertifiedParty {
  id: string;
  role: string;
}

/**
 * Only a platform's certificate speaks for a platform (docs/overview.md, Trust): the id must be one of the six
 * and the role (OU) `platform`. An operator's, the gateway's or the peer's certificate that carries
 * a platform's id (CN=NP-ML, OU=operator) speaks for nobody. One check for both doors: the HTTPS
 * door applies it to the TLS client and to the signer, the submission pipeline to the signer of
 * every submission, whichever door it came through.
 */
export function platformOf(party: CertifiedParty, code: string): PlatformId {
  if (party.role !== 'platform' || !isPlatformId(party.id)) {
    throw new PipelineRejection(
      code,
      'identity',
      `${party.id} holds a certificate of role ${party.role}: only a platform's certificate (OU=platform) speaks for a platform`,
    );
  }
  return party.id;
}
