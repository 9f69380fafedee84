import { ANY_NUMBER_OF, assignDefined } from '../element-values';
import { OCCURS_LIMITS, TEXT_LIMITS as MAX } from '../notice.constants';
import { NoticeArrestWarrant } from '../notice.model';
import { put, XmlContent } from '../xml-content';
import { NoticeDetailsCodec } from './notice-details.codec';

/** RED: a request to locate and arrest pending extradition, resting on at least one warrant. */
export const RED_DETAILS: NoticeDetailsCodec = {
  read(red, notice) {
    // At least one is required; validate reports an empty list with a RED-specific reason.
    notice.arrestWarrants = red
      .repeated('ArrestWarrant', ANY_NUMBER_OF(OCCURS_LIMITS.arrestWarrants))
      .map((cursor) => {
        const warrant: NoticeArrestWarrant = {
          warrantReference: cursor.requiredText('WarrantReference'),
          issuingCountryCode: cursor.requiredText('WarrantIssuingCountryCode'),
          charge: '',
        };
        assignDefined(warrant, 'issuingAuthority', cursor.optionalText('WarrantIssuingAuthority'));
        assignDefined(warrant, 'issueDate', cursor.optionalText('WarrantIssueDate'));
        const charge = cursor.required('Charge');
        warrant.charge = charge?.requiredText('ChargeDescriptionText') ?? '';
        assignDefined(warrant, 'chargeLaw', charge?.optionalText('ChargeLaw'));
        assignDefined(warrant, 'maximumPenalty', charge?.optionalText('ChargeMaximumPenalty'));
        charge?.finish();
        cursor.finish();
        return warrant;
      });
    red.finish();
  },

  write(notice) {
    return { ArrestWarrant: notice.arrestWarrants.map(warrantContent) };
  },

  validate(check, warrants, red) {
    if (Array.isArray(warrants) && warrants.length === 0) {
      return check.report(`${red}/ArrestWarrant`, 'a RED notice rests on at least one arrest warrant');
    }
    check.list(
      `${red}/ArrestWarrant`,
      warrants,
      { min: 1, max: OCCURS_LIMITS.arrestWarrants },
      (warrant, path) => {
        if (!check.object(path, warrant, true)) return;
        check.text(`${path}/WarrantReference`, warrant.warrantReference, MAX.warrantReference, true);
        check.countryCode(`${path}/WarrantIssuingCountryCode`, warrant.issuingCountryCode, true);
        check.text(`${path}/WarrantIssuingAuthority`, warrant.issuingAuthority, MAX.authority, false);
        check.date(`${path}/WarrantIssueDate`, warrant.issueDate, false);
        check.text(`${path}/Charge/ChargeDescriptionText`, warrant.charge, MAX.charge, true);
        check.text(`${path}/Charge/ChargeLaw`, warrant.chargeLaw, MAX.law, false);
        check.text(`${path}/Charge/ChargeMaximumPenalty`, warrant.maximumPenalty, MAX.penalty, false);
      },
    );
  },
};

function warrantContent(warrant: NoticeArrestWarrant): XmlContent {
  const content: XmlContent = {
    WarrantReference: warrant.warrantReference.trim(),
    WarrantIssuingCountryCode: warrant.issuingCountryCode,
  };
  put(content, 'WarrantIssuingAuthority', warrant.issuingAuthority);
  put(content, 'WarrantIssueDate', warrant.issueDate);
  const charge: XmlContent = { ChargeDescriptionText: warrant.charge.trim() };
  put(charge, 'ChargeLaw', warrant.chargeLaw);
  put(charge, 'ChargeMaximumPenalty', warrant.maximumPenalty);
  content.Charge = charge;
  return content;
}
