import { assignDefined, indicator } from '../element-values';
import { TEXT_LIMITS as MAX } from '../notice.constants';
import { NoticeThreat, ThreatCategory, THREAT_CATEGORIES } from '../notice-details.model';
import { put, putIndicator, XmlContent } from '../xml-content';
import { NoticeDetailsCodec, present } from './notice-details.codec';

/** GREEN: a person who is a threat to public safety. */
export const GREEN_DETAILS: NoticeDetailsCodec = {
  read(block, notice) {
    const threat: NoticeThreat = {
      // Narrowed by validate, which names an unknown category.
      category: block.requiredText('ThreatCategoryCode') as ThreatCategory,
      description: block.requiredText('ThreatDescriptionText'),
    };
    assignDefined(threat, 'assessedDate', block.optionalText('ThreatAssessedDate'));
    assignDefined(threat, 'armedAndDangerous', indicator(block.optional('ThreatArmedAndDangerousIndicator')));
    block.finish();
    notice.threat = threat;
  },

  write(notice) {
    const threat = present(notice.threat, '/Notice/GreenNoticeDetails');
    const content: XmlContent = {
      ThreatCategoryCode: threat.category,
      ThreatDescriptionText: threat.description.trim(),
    };
    put(content, 'ThreatAssessedDate', threat.assessedDate);
    putIndicator(content, 'ThreatArmedAndDangerousIndicator', threat.armedAndDangerous);
    return content;
  },

  validate(check, threat, path) {
    if (!check.object(path, threat, true)) return;
    check.oneOf(`${path}/ThreatCategoryCode`, threat.category ?? '', THREAT_CATEGORIES, 'threat category');
    check.text(`${path}/ThreatDescriptionText`, threat.description, MAX.description, true);
    check.date(`${path}/ThreatAssessedDate`, threat.assessedDate, false);
    check.indicator(`${path}/ThreatArmedAndDangerousIndicator`, threat.armedAndDangerous);
  },
};
