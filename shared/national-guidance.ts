// What a person reads when the national platform's health code disagrees with this one: which
// applies here and what to do, in zh-CN and English (shared/guidance.ts's style). Loaded only when
// there is a disagreement to explain.

import type { Guidance, GuidanceLang } from './guidance.js';
import type { NationalDisagreement, NationalState } from './national.js';

const HOTLINE = {
  'zh-CN': '如认为任一方有误，请拨打 12345 政务服务热线，说明两边显示的颜色。',
  en: 'If you think either is wrong, call the 12345 hotline and say which colour each one shows.',
};

export const NATIONAL_GUIDANCE: Record<NationalDisagreement, Record<GuidanceLang, Guidance>> = {
  'national-stricter': {
    'zh-CN': {
      title: '国家平台显示的健康码颜色与本码不同',
      steps: [
        '在本省场所和卡口，以本码（绿码）为准，可以正常通行。',
        '离开本省、乘坐跨省交通或被要求出示国家平台健康码时，以国家平台为准：请按国家平台的提示完成核酸检测或报备。',
        HOTLINE['zh-CN'],
      ],
    },
    en: {
      title: 'The national platform shows a different colour from this code',
      steps: [
        'At venues and checkpoints in this province, this code (green) applies: you may pass as usual.',
        'When you leave the province, travel between provinces or are asked for the national code, the national platform applies: follow its instructions (tests or reporting).',
        HOTLINE.en,
      ],
    },
  },
  'local-stricter': {
    'zh-CN': {
      title: '国家平台显示绿码，本码为红码',
      steps: [
        '在本省场所和卡口，以本码（红码）为准：请按下方说明办理转码，不要凭国家平台的绿码进入。',
        '本码转绿后，本省会通知国家平台，两边随之一致。',
        HOTLINE['zh-CN'],
      ],
    },
    en: {
      title: 'The national platform shows green, this code is red',
      steps: [
        'At venues and checkpoints in this province, this code (red) applies: follow the steps to clear it, and do not enter on the national green code.',
        'Once this code is green, the province tells the national platform and the two agree again.',
        HOTLINE.en,
      ],
    },
  },
};

export function nationalGuidanceFor(disagreement: NationalDisagreement, lang: GuidanceLang): Guidance {
  return NATIONAL_GUIDANCE[disagreement][lang];
}

/** The national platform's colours, as the notice names them. */
export const NATIONAL_STATE_WORDS: Record<NationalState, Record<GuidanceLang, string>> = {
  green: { 'zh-CN': '绿码', en: 'green' },
  yellow: { 'zh-CN': '黄码', en: 'yellow' },
  red: { 'zh-CN': '红码', en: 'red' },
};

/** The one line that says what each side shows: "National platform: red (as of …); this code: green". */
export function nationalSummary(state: NationalState, local: 'green' | 'red', asOf: string, lang: GuidanceLang): string {
  const words = (s: NationalState) => NATIONAL_STATE_WORDS[s][lang];
  return lang === 'zh-CN'
    ? `国家平台：${words(state)}（${asOf} 更新）；本码：${words(local)}。`
    : `National platform: ${words(state)} (as of ${asOf}); this code: ${words(local)}.`;
}
