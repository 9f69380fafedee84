import { assignDefined, indicator } from '../element-values';
import { TEXT_LIMITS as MAX } from '../notice.constants';
import {
  DiffusionKind,
  DiffusionUrgency,
  DIFFUSION_KINDS,
  DIFFUSION_URGENCIES,
  NoticeDiffusion,
} from '../notice-details.model';
import { put, putIndicator, XmlContent } from '../xml-content';
import { NoticeDetailsCodec, present } from './notice-details.codec';

/** DIFFUSION: an I-24/7-like message, a request or the response that names it in InReplyTo. */
export const DIFFUSION_DETAILS: NoticeDetailsCodec = {
  read(block, notice) {
    const diffusion: NoticeDiffusion = {
      // Kind and urgency are narrowed by validate, which names an unknown code.
      kind: block.requiredText('DiffusionKindCode') as DiffusionKind,
      subjectLine: block.requiredText('DiffusionSubjectText'),
      text: block.requiredText('DiffusionBodyText'),
    };
    assignDefined(
      diffusion,
      'urgency',
      block.optionalText('DiffusionUrgencyCode') as DiffusionUrgency | undefined,
    );
    assignDefined(diffusion, 'found', indicator(block.optional('DiffusionFoundIndicator')));
    block.finish();
    notice.diffusion = diffusion;
  },

  write(notice) {
    const diffusion = present(notice.diffusion, '/Notice/DiffusionDetails');
    const content: XmlContent = {
      DiffusionKindCode: diffusion.kind,
      DiffusionSubjectText: diffusion.subjectLine.trim(),
      DiffusionBodyText: diffusion.text.trim(),
    };
    put(content, 'DiffusionUrgencyCode', diffusion.urgency);
    putIndicator(content, 'DiffusionFoundIndicator', diffusion.found);
    return content;
  },

  validate(check, diffusion, path) {
    if (!check.object(path, diffusion, true)) return;
    check.oneOf(`${path}/DiffusionKindCode`, diffusion.kind ?? '', DIFFUSION_KINDS, 'diffusion kind');
    check.text(`${path}/DiffusionSubjectText`, diffusion.subjectLine, MAX.subjectLine, true);
    check.text(`${path}/DiffusionBodyText`, diffusion.text, MAX.diffusionText, true);
    check.oneOf(`${path}/DiffusionUrgencyCode`, diffusion.urgency, DIFFUSION_URGENCIES, 'urgency');
    check.indicator(`${path}/DiffusionFoundIndicator`, diffusion.found);
  },

  // A response is only useful correlated: it must name the request it answers.
  crossCheck(check, notice) {
    const kind = (notice.diffusion as { kind?: unknown } | undefined)?.kind;
    if (kind === 'RESPONSE' && notice.inReplyTo === undefined) {
      check.report('/Notice/InReplyTo', 'is required on a DIFFUSION RESPONSE: the NoticeID of the request');
    }
  },
};
