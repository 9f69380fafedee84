import { assignDefined } from '../element-values';
import { TEXT_LIMITS as MAX } from '../notice.constants';
import { NoticeInquiry } from '../notice-details.model';
import { put, XmlContent } from '../xml-content';
import { NoticeDetailsCodec, present } from './notice-details.codec';

/** BLUE: information sought on a person's identity, location or activities. */
export const BLUE_DETAILS: NoticeDetailsCodec = {
  read(block, notice) {
    const inquiry: NoticeInquiry = { purpose: block.requiredText('InquiryPurposeText') };
    assignDefined(inquiry, 'requested', block.optionalText('InquiryRequestedText'));
    assignDefined(inquiry, 'lastKnownPlace', block.optionalText('PersonLastKnownPlace'));
    assignDefined(inquiry, 'lastKnownCountryCode', block.optionalText('PersonLastKnownCountryCode'));
    assignDefined(inquiry, 'activities', block.optionalText('PersonActivitiesText'));
    block.finish();
    notice.inquiry = inquiry;
  },

  write(notice) {
    const inquiry = present(notice.inquiry, '/Notice/BlueNoticeDetails');
    const content: XmlContent = { InquiryPurposeText: inquiry.purpose.trim() };
    put(content, 'InquiryRequestedText', inquiry.requested);
    put(content, 'PersonLastKnownPlace', inquiry.lastKnownPlace);
    put(content, 'PersonLastKnownCountryCode', inquiry.lastKnownCountryCode);
    put(content, 'PersonActivitiesText', inquiry.activities);
    return content;
  },

  validate(check, inquiry, path) {
    if (!check.object(path, inquiry, true)) return;
    check.text(`${path}/InquiryPurposeText`, inquiry.purpose, MAX.purpose, true);
    check.text(`${path}/InquiryRequestedText`, inquiry.requested, MAX.requested, false);
    check.text(`${path}/PersonLastKnownPlace`, inquiry.lastKnownPlace, MAX.place, false);
    check.countryCode(`${path}/PersonLastKnownCountryCode`, inquiry.lastKnownCountryCode, false);
    check.text(`${path}/PersonActivitiesText`, inquiry.activities, MAX.activities, false);
  },
};
