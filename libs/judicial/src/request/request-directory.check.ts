// The second step of accepting a judicial.request: what its fields name must exist in the
// directory and fit together. Kept apart from the DTO so that the contract can be checked without
// a directory (a platform drafting a request) and the directory can change without a release.
import { scopeOfKind, type AuthorityRole } from '../directory/directory.model';
import type { JudicialDirectory } from '../directory/judicial-directory';
import { JudicialErrorCode, type JudicialIssue } from '../judicial.error';
import type { JudicialRequest } from './judicial-request.dto';

const CENTRAL_AUTHORITY: Record<'mla' | 'extradition', AuthorityRole> = {
  mla: 'mla-central-authority',
  extradition: 'extradition-central-authority',
};

function issue(code: JudicialErrorCode, path: string, reason: string, raison: string): JudicialIssue {
  return { code, path, reason, raison };
}

/** Every issue between a structurally valid request and the directory; [] when it fits. */
export function checkRequestAgainstDirectory(
  request: JudicialRequest,
  directory: JudicialDirectory,
): JudicialIssue[] {
  const issues: JudicialIssue[] = [];
  const requesting = directory.authority(request.requesting.authority);
  const requested = directory.authority(request.requested.authority);
  for (const [side, id, found] of [
    ['requesting', request.requesting.authority, requesting],
    ['requested', request.requested.authority, requested],
  ] as const) {
    if (found === undefined) {
      issues.push(
        issue(
          JudicialErrorCode.AuthorityUnknown,
          `${side}.authority`,
          `authority ${id} is not in the judicial directory`,
          `l’autorité ${id} ne figure pas dans l’annuaire judiciaire`,
        ),
      );
    }
  }
  if (requesting === undefined || requested === undefined) return issues;

  const scope = scopeOfKind(request.kind);
  const role = CENTRAL_AUTHORITY[scope];
  if (!requested.roles.includes(role)) {
    issues.push(
      issue(
        JudicialErrorCode.AuthorityWrongRole,
        'requested.authority',
        `${requested.id} is not an ${role}: a ${request.kind} request goes to one`,
        `${requested.id} n’est pas ${role} : une demande ${request.kind} lui est adressée`,
      ),
    );
  }
  if (requesting.state === requested.state) {
    issues.push(
      issue(
        JudicialErrorCode.SameState,
        'requested.authority',
        `both authorities are of ${requested.state}: a request goes from one state to another`,
        `les deux autorités relèvent de ${requested.state} : une demande va d’un État à un autre`,
      ),
    );
  }
  if (!requested.channels.includes(request.channel)) {
    issues.push(
      issue(
        JudicialErrorCode.ChannelNotAccepted,
        'channel',
        `${requested.id} accepts ${requested.channels.join(', ')}, not ${request.channel}`,
        `${requested.id} accepte ${requested.channels.join(', ')}, non ${request.channel}`,
      ),
    );
  }
  request.legalBasis.forEach((basis, index) => {
    if (basis.kind !== 'treaty' || basis.treaty === undefined) return;
    const binding = directory
      .treatiesBetween(requesting.state, requested.state, scope)
      .some((treaty) => treaty.id === basis.treaty);
    if (!binding) {
      issues.push(
        issue(
          JudicialErrorCode.TreatyNotInForce,
          `legalBasis[${index}].treaty`,
          `treaty ${basis.treaty} does not bind ${requesting.state} and ${requested.state} for ${scope} in the directory`,
          `le traité ${basis.treaty} ne lie pas ${requesting.state} et ${requested.state} en matière ${scope === 'mla' ? 'd’entraide' : 'd’extradition'} selon l’annuaire`,
        ),
      );
    }
  });
  return issues;
}
