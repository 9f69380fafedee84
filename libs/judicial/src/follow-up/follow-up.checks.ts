// The follow-up rules of the directory: two rules for the same kind and urgency would leave the
// reminder's delay to the order of the file, so the second one is refused.
import { JudicialErrorCode } from '../judicial.error';
import type { Report } from '../directory/directory.checks';
import type { FollowUpPolicy } from './follow-up.policy';

export function checkFollowUp(policy: FollowUpPolicy, report: Report): void {
  const seen = new Map<string, number>();
  policy.rules.forEach((rule, index) => {
    const key = `${rule.kind ?? '*'}/${rule.urgency ?? '*'}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, index);
      return;
    }
    report(
      JudicialErrorCode.DirectoryDuplicateFollowUpRule,
      ['followUp', 'rules', index],
      `a second follow-up rule for ${key} (first at followUp.rules[${first}])`,
      `une deuxième règle de suivi pour ${key} (d’abord en followUp.rules[${first}])`,
    );
  });
}
