// The directory, read and checked, with the questions the rest of the gateway asks of it.
import { DEFAULT_FOLLOW_UP, type FollowUpPolicy } from '../follow-up/follow-up.policy';
import { NETWORK_ONLY_ROLES, type AuthorityRole, type TreatyScope } from './directory.model';
import type {
  DirectoryAuthority,
  DirectoryData,
  DirectoryNetwork,
  DirectoryState,
  DirectoryTreaty,
} from './directory.model';
import { isMemberOn } from './membership';

export class JudicialDirectory {
  private readonly authoritiesById: ReadonlyMap<string, DirectoryAuthority>;
  private readonly statesById: ReadonlyMap<string, DirectoryState>;

  constructor(readonly data: DirectoryData) {
    this.authoritiesById = new Map(data.authorities.map((authority) => [authority.id, authority]));
    this.statesById = new Map(data.states.map((state) => [state.id, state]));
  }

  get networks(): readonly DirectoryNetwork[] {
    return this.data.networks;
  }

  get states(): readonly DirectoryState[] {
    return this.data.states;
  }

  get authorities(): readonly DirectoryAuthority[] {
    return this.data.authorities;
  }

  get treaties(): readonly DirectoryTreaty[] {
    return this.data.treaties;
  }

  /** The reminders' policy: the directory's `followUp`, or DEFAULT_FOLLOW_UP when it has none. */
  get followUp(): FollowUpPolicy {
    return this.data.followUp ?? DEFAULT_FOLLOW_UP;
  }

  authority(id: string): DirectoryAuthority | undefined {
    return this.authoritiesById.get(id);
  }

  state(id: string): DirectoryState | undefined {
    return this.statesById.get(id);
  }

  /**
   * The lookup applyStatus takes: which state an authority speaks for. An authority holding only
   * network roles (the platform's secretariat) speaks for none, so it can move no request.
   */
  readonly stateOf = (authority: string): string | undefined => {
    const entry = this.authoritiesById.get(authority);
    if (entry === undefined || entry.roles.every((role) => NETWORK_ONLY_ROLES.includes(role)))
      return undefined;
    return entry.state;
  };

  /** The authorities holding `role`, in the directory's order. */
  withRole(role: AuthorityRole): DirectoryAuthority[] {
    return this.data.authorities.filter((authority) => authority.roles.includes(role));
  }

  /** The states that are members of `network` on `day` (YYYY-MM-DD). */
  membersOf(network: string, day: string): string[] {
    return this.data.states.filter((state) => isMemberOn(state, network, day)).map((state) => state.id);
  }

  isMember(state: string, network: string, day: string): boolean {
    const entry = this.statesById.get(state);
    return entry !== undefined && isMemberOn(entry, network, day);
  }

  /** Treaties both states are party to, optionally of one scope. */
  treatiesBetween(a: string, b: string, scope?: TreatyScope): DirectoryTreaty[] {
    return this.data.treaties.filter(
      (treaty) =>
        treaty.parties.includes(a) &&
        treaty.parties.includes(b) &&
        (scope === undefined || treaty.covers.includes(scope)),
    );
  }
}
