import { NoticeType } from '../notice.model';
import { BLACK_DETAILS } from './black.details';
import { BLUE_DETAILS } from './blue.details';
import { DIFFUSION_DETAILS } from './diffusion.details';
import { GREEN_DETAILS } from './green.details';
import { NoticeDetailsCodec } from './notice-details.codec';
import { ORANGE_DETAILS } from './orange.details';
import { PURPLE_DETAILS } from './purple.details';
import { RED_DETAILS } from './red.details';
import { UN_DETAILS } from './un.details';
import { YELLOW_DETAILS } from './yellow.details';

/** One details codec per notice type; a Record, so a new NoticeType does not compile without one. */
export const NOTICE_DETAILS_CODECS: Readonly<Record<NoticeType, NoticeDetailsCodec>> = {
  RED: RED_DETAILS,
  YELLOW: YELLOW_DETAILS,
  BLUE: BLUE_DETAILS,
  BLACK: BLACK_DETAILS,
  GREEN: GREEN_DETAILS,
  ORANGE: ORANGE_DETAILS,
  PURPLE: PURPLE_DETAILS,
  UN: UN_DETAILS,
  DIFFUSION: DIFFUSION_DETAILS,
};
