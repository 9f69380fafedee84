import { assignDefined } from '../element-values';
import { TEXT_LIMITS as MAX } from '../notice.constants';
import { NoticeMissingPerson } from '../notice-details.model';
import { put, XmlContent } from '../xml-content';
import { NoticeDetailsCodec, present } from './notice-details.codec';

/** YELLOW: a missing person. Every field is optional: the Subject carries the identity. */
export const YELLOW_DETAILS: NoticeDetailsCodec = {
  read(block, notice) {
    const missing: NoticeMissingPerson = {};
    assignDefined(missing, 'birthName', block.optionalText('PersonBirthName'));
    assignDefined(missing, 'fatherGivenName', block.optionalText('PersonFatherGivenName'));
    assignDefined(missing, 'motherSurname', block.optionalText('PersonMotherSurName'));
    assignDefined(missing, 'motherGivenName', block.optionalText('PersonMotherGivenName'));
    assignDefined(missing, 'disappearanceDate', block.optionalText('DisappearanceDate'));
    assignDefined(missing, 'disappearancePlace', block.optionalText('DisappearancePlace'));
    assignDefined(missing, 'disappearanceCountryCode', block.optionalText('DisappearanceCountryCode'));
    assignDefined(missing, 'circumstances', block.optionalText('DisappearanceCircumstancesText'));
    block.finish();
    notice.missingPerson = missing;
  },

  write(notice) {
    const missing = present(notice.missingPerson, '/Notice/YellowNoticeDetails');
    const content: XmlContent = {};
    put(content, 'PersonBirthName', missing.birthName);
    put(content, 'PersonFatherGivenName', missing.fatherGivenName);
    put(content, 'PersonMotherSurName', missing.motherSurname);
    put(content, 'PersonMotherGivenName', missing.motherGivenName);
    put(content, 'DisappearanceDate', missing.disappearanceDate);
    put(content, 'DisappearancePlace', missing.disappearancePlace);
    put(content, 'DisappearanceCountryCode', missing.disappearanceCountryCode);
    put(content, 'DisappearanceCircumstancesText', missing.circumstances);
    return content;
  },

  validate(check, missing, path) {
    if (!check.object(path, missing, true)) return;
    check.text(`${path}/PersonBirthName`, missing.birthName, MAX.name, false);
    check.text(`${path}/PersonFatherGivenName`, missing.fatherGivenName, MAX.name, false);
    check.text(`${path}/PersonMotherSurName`, missing.motherSurname, MAX.name, false);
    check.text(`${path}/PersonMotherGivenName`, missing.motherGivenName, MAX.name, false);
    check.date(`${path}/DisappearanceDate`, missing.disappearanceDate, false);
    check.text(`${path}/DisappearancePlace`, missing.disappearancePlace, MAX.place, false);
    check.countryCode(`${path}/DisappearanceCountryCode`, missing.disappearanceCountryCode, false);
    check.text(`${path}/DisappearanceCircumstancesText`, missing.circumstances, MAX.circumstances, false);
  },
};
