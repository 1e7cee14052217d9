// Simplified Chinese for the family and print pages (a table of their own, so the code page does not
// load it). family-strings.en.ts has exactly these keys.

export const familyZhCN = {
  'family.title': '家庭成员',
  'family.titleCompanions': '同行人',
  'family.none': '还没有添加家庭成员。可为没有手机的老人和孩子添加，各有自己的健康码。',
  'family.noneCompanions': '还没有添加同行人。同行人各有自己的健康码，在本机切换查看。',
  'family.add': '添加家庭成员',
  'family.addCompanion': '添加同行人',
  'family.adding': '正在核验…',
  'family.added': '已添加 {name}。在健康码页点击姓名即可切换。',
  'family.realName': '实名核验：姓名和证件号码须与登记信息一致（不核验是否本人）。同一人被多位监护人添加，仍是同一个人、同一个健康码。',
  'family.remove': '移除',
  'family.removeConfirm': '不再在本账号查看 {name} 的健康码？',
  'family.back': '返回健康码',
  'print.title': '打印健康码',
  'print.titleFamily': '打印全家健康码',
  'print.revokes': '生成新的打印码后，此前为这些人打印的健康码全部作废（检测点离线也能识别）。',
  'print.make': '生成打印码',
  'print.making': '正在生成…',
  'print.print': '打印（A4，卡片大小）',
  'print.issued': '签发日期 {date}',
  'print.validUntil': '有效期至 {time}',
  'print.seq': '第 {n} 次打印',
  'print.saveImage': '保存为图片',
  'family.print': '打印',
  'family.printAll': '打印全家健康码（A4 一页）',
} as const;
