// What a holder with a red code reads: why it is red and how to get it cleared, per red reason, in
// zh-CN and English. The holder's page and the authority console show these same texts.

import type { RedReason } from './code/claims.js';
import { CLEARING_RULE } from './feeds.js';

export type GuidanceLang = 'zh-CN' | 'en';

export interface Guidance {
  title: string;
  /** Short, concrete steps, in the order the holder takes them. */
  steps: readonly string[];
}

const { negativeResults, minGapHours } = CLEARING_RULE;
const ZH_COUNT = ['零', '一', '两', '三', '四', '五'][negativeResults] ?? String(negativeResults);
const EN_COUNT = ['no', 'one', 'two', 'three', 'four', 'five'][negativeResults] ?? String(negativeResults);

const DAY_AFTER_END = {
  'zh-CN': '结束日期的次日零点起，红码自动转绿，无需申请。',
  en: 'Your code turns green by itself at midnight after the end date; you do not need to apply.',
};
const MISTAKE = {
  'zh-CN': '如认为登记有误，请拨打通知上的电话或 12345 政务服务热线。',
  en: 'If you think you were listed by mistake, call the number on your notice or the 12345 hotline.',
};

export const RED_REASON_GUIDANCE: Record<Exclude<RedReason, 'none'>, Record<GuidanceLang, Guidance>> = {
  'positive-test': {
    'zh-CN': {
      title: '检测结果阳性',
      steps: [
        '请留在住处或按疾控人员安排就医，不要前往公共场所。',
        `按要求复检：阳性之后采样的${ZH_COUNT}次核酸检测均为阴性、且首末两次采样间隔至少 ${minGapHours} 小时，红码自动转绿。`,
        '抗体检测结果不能用于转码。',
      ],
    },
    en: {
      title: 'Positive test result',
      steps: [
        'Stay where you are, or go for care as the disease-control staff arrange; do not go to public places.',
        `Take nucleic-acid tests as asked: once ${EN_COUNT} tests sampled after the positive one are negative, the first and last at least ${minGapHours} hours apart, your code turns green by itself.`,
        'Antibody tests do not clear the code.',
      ],
    },
  },
  'close-contact': {
    'zh-CN': {
      title: '密切接触者',
      steps: ['请按通知的隔离安排执行，并按要求完成每次核酸检测。', `观察期${DAY_AFTER_END['zh-CN']}`, MISTAKE['zh-CN']],
    },
    en: {
      title: 'Close contact',
      steps: ['Follow the quarantine arrangement on your notice and take every test you are asked to take.', DAY_AFTER_END.en, MISTAKE.en],
    },
  },
  'high-risk-area': {
    'zh-CN': {
      title: '近期到访高风险地区',
      steps: ['请向所在社区（居委会）或当地疾控中心报备，按安排进行健康监测和核酸检测。', '监测结束、卫生健康部门解除后，红码转绿。'],
    },
    en: {
      title: 'Recently in a high-risk area',
      steps: [
        'Report to your residents’ committee or the local disease-control centre and follow their health monitoring and testing.',
        'Your code turns green when the health authority ends your monitoring.',
      ],
    },
  },
  quarantine: {
    'zh-CN': { title: '隔离观察期内', steps: ['请在隔离地点留观至结束日期，并按要求完成核酸检测。', DAY_AFTER_END['zh-CN']] },
    en: { title: 'In quarantine', steps: ['Stay at your place of quarantine until it ends and take the tests you are asked to take.', DAY_AFTER_END.en] },
  },
  'fever-reported': {
    'zh-CN': {
      title: '报告发热',
      steps: ['请佩戴口罩前往最近的发热门诊就诊并做核酸检测，尽量不乘坐公共交通。', '排除感染后，卫生健康部门更新您的健康码。'],
    },
    en: {
      title: 'Fever reported',
      steps: [
        'Wear a mask and go to the nearest fever clinic for a nucleic-acid test; avoid public transport.',
        'Once infection is ruled out, the health authority updates your code.',
      ],
    },
  },
  'missing-declaration': {
    'zh-CN': { title: '未按要求填报健康申报', steps: ['请在本应用中（或通过所在单位）填报今天的健康申报。', '申报核对后，红码转绿。'] },
    en: {
      title: 'Health declaration missing',
      steps: ['Fill in today’s health declaration in this app (or through your organisation).', 'Your code turns green once the declaration is checked.'],
    },
  },
  'confirmed-case': {
    'zh-CN': { title: '确诊病例', steps: ['请按医院的安排接受治疗和隔离。', `出院且卫生健康部门登记的${DAY_AFTER_END['zh-CN']}`] },
    en: {
      title: 'Confirmed case',
      steps: ['Follow the treatment and isolation the hospital arranges.', `After you are discharged and the health authority sets an end date: ${DAY_AFTER_END.en}`],
    },
  },
  'suspected-case': {
    'zh-CN': {
      title: '疑似病例',
      steps: ['请在安排的地点隔离，并按要求完成核酸检测。', `排除感染后，卫生健康部门登记结束日期，${DAY_AFTER_END['zh-CN']}`],
    },
    en: {
      title: 'Suspected case',
      steps: ['Stay in the isolation arranged for you and take the tests you are asked to take.', `Once infection is ruled out, the health authority sets an end date. ${DAY_AFTER_END.en}`],
    },
  },
  'other-province-red': {
    'zh-CN': {
      title: '外省红码',
      steps: ['您在其他省份的健康码为红码，本码与之保持一致。', '请按该省要求办理转码；该省转绿并通知本省后，本码随之转绿。', MISTAKE['zh-CN']],
    },
    en: {
      title: 'Red code in another province',
      steps: [
        'Your health code is red in another province, and this code follows it.',
        'Follow that province’s steps to clear it; once it is green there and that province tells us, this code turns green too.',
        MISTAKE.en,
      ],
    },
  },
  'other-province-yellow': {
    'zh-CN': {
      title: '外省黄码',
      steps: ['您在其他省份的健康码为黄码；本系统只有绿码和红码，因此在此显示为红码。', '请按该省要求完成核酸检测；该省转绿并通知本省后，本码随之转绿。', MISTAKE['zh-CN']],
    },
    en: {
      title: 'Yellow code in another province',
      steps: [
        'Your health code is yellow in another province; this system has only green and red, so it shows red here.',
        'Take the nucleic-acid tests that province asks for; once it is green there and that province tells us, this code turns green too.',
        MISTAKE.en,
      ],
    },
  },
  'centralised-quarantine': {
    'zh-CN': { title: '集中隔离', steps: ['请在集中隔离点留观至通知的结束日期，并配合完成核酸检测。', DAY_AFTER_END['zh-CN'], MISTAKE['zh-CN']] },
    en: {
      title: 'Centralised quarantine',
      steps: ['Stay at the quarantine site until the end date on your notice and take the tests there.', DAY_AFTER_END.en, MISTAKE.en],
    },
  },
  'home-quarantine': {
    'zh-CN': { title: '居家隔离', steps: ['请居家至通知的结束日期，不外出、不接待来访，按要求完成上门核酸检测。', DAY_AFTER_END['zh-CN'], MISTAKE['zh-CN']] },
    en: {
      title: 'Home quarantine',
      steps: ['Stay at home until the end date on your notice, receive no visitors, and take the tests brought to your door.', DAY_AFTER_END.en, MISTAKE.en],
    },
  },
};

/** The guidance for a red reason in one language; none for `none` (a green code needs none). */
export function guidanceFor(reason: RedReason, lang: GuidanceLang): Guidance | undefined {
  return reason === 'none' ? undefined : RED_REASON_GUIDANCE[reason][lang];
}
