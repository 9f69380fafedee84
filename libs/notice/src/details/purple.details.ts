import { ANY_NUMBER_OF, assignDefined } from '../element-values';
import { OCCURS_LIMITS, TEXT_LIMITS as MAX } from '../notice.constants';
import { NoticeModusOperandi } from '../notice-details.model';
import { put, putList, putTextList, XmlContent } from '../xml-content';
import { NoticeDetailsCodec, present } from './notice-details.codec';

/** PURPLE: a modus operandi, the objects and devices used, how they were hidden. No Subject. */
export const PURPLE_DETAILS: NoticeDetailsCodec = {
  read(block, notice) {
    const modusOperandi: NoticeModusOperandi = {
      offence: block.requiredText('ModusOperandiOffenceText'),
      description: block.requiredText('ModusOperandiDescriptionText'),
      methods: block.repeatedText('ModusOperandiMethodText', ANY_NUMBER_OF(OCCURS_LIMITS.methods)),
      objects: block.repeatedText('ModusOperandiObjectText', ANY_NUMBER_OF(OCCURS_LIMITS.objects)),
      countryCodes: [],
    };
    assignDefined(modusOperandi, 'concealment', block.optionalText('ModusOperandiConcealmentText'));
    assignDefined(modusOperandi, 'periodFrom', block.optionalText('ModusOperandiPeriodStartDate'));
    assignDefined(modusOperandi, 'periodTo', block.optionalText('ModusOperandiPeriodEndDate'));
    modusOperandi.countryCodes = block.repeatedText(
      'ModusOperandiCountryCode',
      ANY_NUMBER_OF(OCCURS_LIMITS.countryCodes),
    );
    block.finish();
    notice.modusOperandi = modusOperandi;
  },

  write(notice) {
    const modusOperandi = present(notice.modusOperandi, '/Notice/PurpleNoticeDetails');
    const content: XmlContent = {
      ModusOperandiOffenceText: modusOperandi.offence.trim(),
      ModusOperandiDescriptionText: modusOperandi.description.trim(),
    };
    putTextList(content, 'ModusOperandiMethodText', modusOperandi.methods);
    putTextList(content, 'ModusOperandiObjectText', modusOperandi.objects);
    put(content, 'ModusOperandiConcealmentText', modusOperandi.concealment);
    put(content, 'ModusOperandiPeriodStartDate', modusOperandi.periodFrom);
    put(content, 'ModusOperandiPeriodEndDate', modusOperandi.periodTo);
    putList(content, 'ModusOperandiCountryCode', modusOperandi.countryCodes);
    return content;
  },

  validate(check, modusOperandi, path) {
    if (!check.object(path, modusOperandi, true)) return;
    check.text(`${path}/ModusOperandiOffenceText`, modusOperandi.offence, MAX.offence, true);
    check.text(`${path}/ModusOperandiDescriptionText`, modusOperandi.description, MAX.description, true);
    check.textList(
      `${path}/ModusOperandiMethodText`,
      modusOperandi.methods,
      MAX.method,
      OCCURS_LIMITS.methods,
    );
    check.textList(
      `${path}/ModusOperandiObjectText`,
      modusOperandi.objects,
      MAX.method,
      OCCURS_LIMITS.objects,
    );
    check.text(`${path}/ModusOperandiConcealmentText`, modusOperandi.concealment, MAX.concealment, false);
    check.date(`${path}/ModusOperandiPeriodStartDate`, modusOperandi.periodFrom, false);
    check.date(`${path}/ModusOperandiPeriodEndDate`, modusOperandi.periodTo, false);
    check.list<unknown>(
      `${path}/ModusOperandiCountryCode`,
      modusOperandi.countryCodes,
      { min: 0, max: OCCURS_LIMITS.countryCodes },
      (code, itemPath) => check.countryCode(itemPath, code, true),
    );
  },
};
