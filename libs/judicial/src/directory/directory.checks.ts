// What the directory's fields refer to: ids unique, states real and listed, roles known, network
// roles held by members, periods in order. Run on data whose shape is already checked.
import { isCountryCode } from '@pcms/envelope';
import { JudicialErrorCode } from '../judicial.error';
import {
  AUTHORITY_ROLES,
  ROLE_NETWORK,
  isAuthorityRole,
  type DirectoryData,
  type Membership,
} from './directory.model';
import { checkFollowUp } from '../follow-up/follow-up.checks';
import { isMemberOn } from './membership';

export type YamlPath = (string | number)[];

export interface DirectoryFinding {
  code: JudicialErrorCode;
  path: YamlPath;
  reason: string;
  raison: string;
}

export type Report = (code: JudicialErrorCode, path: YamlPath, reason: string, raison: string) => void;

/** Every later occurrence of an id already seen, with the index of the first. */
function duplicates(ids: readonly string[]): { index: number; first: number }[] {
  const seen = new Map<string, number>();
  return ids.flatMap((id, index) => {
    const first = seen.get(id);
    if (first === undefined) seen.set(id, index);
    return first === undefined ? [] : [{ index, first }];
  });
}

function checkStates(data: DirectoryData, report: Report): void {
  for (const { index, first } of duplicates(data.states.map((state) => state.id))) {
    const id = data.states[index].id;
    report(
      JudicialErrorCode.DirectoryDuplicateState,
      ['states', index, 'id'],
      `state ${id} is listed twice (first at states[${first}])`,
      `l’État ${id} figure deux fois (d’abord en states[${first}])`,
    );
  }
  data.states.forEach((state, index) => {
    if (!isCountryCode(state.id)) {
      report(
        JudicialErrorCode.DirectoryUnknownState,
        ['states', index, 'id'],
        `${state.id} is not an ISO 3166-1 alpha-2 country code`,
        `${state.id} n’est pas un code de pays ISO 3166-1 alpha-2`,
      );
    }
    state.memberships.forEach((membership, m) =>
      checkMembership(data, membership, ['states', index, 'memberships', m], report),
    );
    checkOverlaps(state.memberships, ['states', index, 'memberships'], report);
  });
}

function checkMembership(data: DirectoryData, membership: Membership, path: YamlPath, report: Report): void {
  const network = data.networks.find((candidate) => candidate.id === membership.network);
  if (network === undefined) {
    report(
      JudicialErrorCode.DirectoryUnknownNetwork,
      [...path, 'network'],
      `network ${membership.network} is not among networks[] (${data.networks.map((n) => n.id).join(', ')})`,
      `le réseau ${membership.network} ne figure pas dans networks[]`,
    );
  } else if (membership.from < network.founded) {
    report(
      JudicialErrorCode.DirectoryBadPeriod,
      [...path, 'from'],
      `membership from ${membership.from}, before ${network.id} was founded (${network.founded})`,
      `adhésion au ${membership.from}, avant la création de ${network.id} (${network.founded})`,
    );
  }
  if (membership.until !== undefined && membership.until <= membership.from) {
    report(
      JudicialErrorCode.DirectoryBadPeriod,
      [...path, 'until'],
      `membership ends (${membership.until}) before it starts (${membership.from})`,
      `l’adhésion prend fin (${membership.until}) avant de commencer (${membership.from})`,
    );
  }
}

function checkOverlaps(memberships: readonly Membership[], path: YamlPath, report: Report): void {
  memberships.forEach((later, index) => {
    const clash = memberships
      .slice(0, index)
      .find(
        (earlier) =>
          earlier.network === later.network && (earlier.until === undefined || earlier.until > later.from),
      );
    if (clash !== undefined) {
      report(
        JudicialErrorCode.DirectoryBadPeriod,
        [...path, index],
        `two memberships of ${later.network} overlap (from ${clash.from} and from ${later.from})`,
        `deux adhésions à ${later.network} se chevauchent (au ${clash.from} et au ${later.from})`,
      );
    }
  });
}

function checkAuthorities(data: DirectoryData, report: Report): void {
  for (const { index, first } of duplicates(data.authorities.map((authority) => authority.id))) {
    const id = data.authorities[index].id;
    report(
      JudicialErrorCode.DirectoryDuplicateAuthority,
      ['authorities', index, 'id'],
      `authority ${id} is listed twice (first at authorities[${first}])`,
      `l’autorité ${id} figure deux fois (d’abord en authorities[${first}])`,
    );
  }
  data.authorities.forEach((authority, index) => {
    const state = data.states.find((candidate) => candidate.id === authority.state);
    if (state === undefined) {
      report(
        JudicialErrorCode.DirectoryAuthorityStateNotListed,
        ['authorities', index, 'state'],
        `authority ${authority.id} belongs to ${authority.state}, a state the directory does not list`,
        `l’autorité ${authority.id} relève de ${authority.state}, un État absent de l’annuaire`,
      );
    }
    // The file is checked before it is trusted: a role may be any string here.
    (authority.roles as readonly string[]).forEach((role, r) => {
      if (!isAuthorityRole(role)) {
        report(
          JudicialErrorCode.DirectoryUnknownRole,
          ['authorities', index, 'roles', r],
          `unknown role ${role} (known: ${AUTHORITY_ROLES.join(', ')})`,
          `rôle inconnu ${role} (connus : ${AUTHORITY_ROLES.join(', ')})`,
        );
        return;
      }
      const network = ROLE_NETWORK[role];
      if (
        state !== undefined &&
        network !== undefined &&
        !isMemberOn(state, network, authority.lastVerified)
      ) {
        report(
          JudicialErrorCode.DirectoryRoleWithoutMembership,
          ['authorities', index, 'roles', r],
          `${authority.id} is a ${role} but ${state.id} is not a member of ${network} on ${authority.lastVerified}`,
          `${authority.id} est ${role} mais ${state.id} n’est pas membre de ${network} au ${authority.lastVerified}`,
        );
      }
    });
  });
  data.states.forEach((state, index) => {
    const central = data.authorities.some(
      (authority) => authority.state === state.id && authority.roles.includes('mla-central-authority'),
    );
    if (!central) {
      report(
        JudicialErrorCode.DirectoryNoCentralAuthority,
        ['states', index, 'id'],
        `${state.id} has no mla-central-authority: a request to it would have nowhere to go`,
        `${state.id} n’a pas d’autorité centrale (mla-central-authority) : une demande n’aurait pas de destinataire`,
      );
    }
  });
}

function checkTreaties(data: DirectoryData, report: Report): void {
  for (const { index, first } of duplicates(data.treaties.map((treaty) => treaty.id))) {
    const id = data.treaties[index].id;
    report(
      JudicialErrorCode.DirectoryDuplicateTreaty,
      ['treaties', index, 'id'],
      `treaty ${id} is listed twice (first at treaties[${first}])`,
      `le traité ${id} figure deux fois (d’abord en treaties[${first}])`,
    );
  }
  const listed = new Set(data.states.map((state) => state.id));
  data.treaties.forEach((treaty, index) =>
    treaty.parties.forEach((party, p) => {
      if (!listed.has(party)) {
        report(
          JudicialErrorCode.DirectoryTreatyUnknownState,
          ['treaties', index, 'parties', p],
          `treaty ${treaty.id} names ${party}, a state the directory does not list`,
          `le traité ${treaty.id} nomme ${party}, un État absent de l’annuaire`,
        );
      }
    }),
  );
}

export function checkDirectory(data: DirectoryData): DirectoryFinding[] {
  const findings: DirectoryFinding[] = [];
  const report: Report = (code, path, reason, raison) => findings.push({ code, path, reason, raison });
  for (const { index, first } of duplicates(data.networks.map((network) => network.id))) {
    report(
      JudicialErrorCode.DirectoryDuplicateNetwork,
      ['networks', index, 'id'],
      `network ${data.networks[index].id} is listed twice (first at networks[${first}])`,
      `le réseau ${data.networks[index].id} figure deux fois (d’abord en networks[${first}])`,
    );
  }
  checkStates(data, report);
  checkAuthorities(data, report);
  checkTreaties(data, report);
  if (data.followUp !== undefined) checkFollowUp(data.followUp, report);
  return findings;
}
