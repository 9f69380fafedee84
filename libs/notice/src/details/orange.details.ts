import { assignDefined } from '../element-values';
import { TEXT_LIMITS as MAX } from '../notice.constants';
import { HazardType, HAZARD_TYPES, NoticeHazard } from '../notice-details.model';
import { put, XmlContent } from '../xml-content';
import { NoticeDetailsCodec, present } from './notice-details.codec';

/** ORANGE: a weapon, parcel bomb, dangerous material or event; a person may be named as Subject. */
export const ORANGE_DETAILS: NoticeDetailsCodec = {
  read(block, notice) {
    const hazard: NoticeHazard = {
      // Narrowed by validate, which names an unknown hazard type.
      hazardType: block.requiredText('HazardTypeCode') as HazardType,
      description: block.requiredText('HazardDescriptionText'),
    };
    assignDefined(hazard, 'detectedDate', block.optionalText('HazardDetectedDate'));
    assignDefined(hazard, 'place', block.optionalText('HazardPlace'));
    assignDefined(hazard, 'countryCode', block.optionalText('HazardCountryCode'));
    assignDefined(hazard, 'precautions', block.optionalText('HazardPrecautionsText'));
    block.finish();
    notice.hazard = hazard;
  },

  write(notice) {
    const hazard = present(notice.hazard, '/Notice/OrangeNoticeDetails');
    const content: XmlContent = {
      HazardTypeCode: hazard.hazardType,
      HazardDescriptionText: hazard.description.trim(),
    };
    put(content, 'HazardDetectedDate', hazard.detectedDate);
    put(content, 'HazardPlace', hazard.place);
    put(content, 'HazardCountryCode', hazard.countryCode);
    put(content, 'HazardPrecautionsText', hazard.precautions);
    return content;
  },

  validate(check, hazard, path) {
    if (!check.object(path, hazard, true)) return;
    check.oneOf(`${path}/HazardTypeCode`, hazard.hazardType ?? '', HAZARD_TYPES, 'hazard type');
    check.text(`${path}/HazardDescriptionText`, hazard.description, MAX.description, true);
    check.date(`${path}/HazardDetectedDate`, hazard.detectedDate, false);
    check.text(`${path}/HazardPlace`, hazard.place, MAX.place, false);
    check.countryCode(`${path}/HazardCountryCode`, hazard.countryCode, false);
    check.text(`${path}/HazardPrecautionsText`, hazard.precautions, MAX.precautions, false);
  },
};
