// Simplified Chinese strings of the identity form: one message per problem code of shared/identity.ts
// (which field, what to try), the document type names and the field labels. English: identity-strings.en.ts.

export const identityStrings = {
  'identity.type.mainland-id': '居民身份证',
  'identity.type.hk-macau-permit': '港澳居民来往内地通行证',
  'identity.type.taiwan-permit': '台湾居民来往大陆通行证',
  'identity.type.passport': '护照',

  'identity.field.name': '姓名',
  'identity.field.documentType': '证件类型',
  'identity.field.documentNumber': '证件号码',
  'identity.field.issueCount': '换证次数',
  'identity.field.country': '国家或地区',
  'identity.hint.name': '与证件一致；拉丁字母姓名先姓后名，例如 LEE SMITH ANNA MARIE',
  'identity.hint.issueCount': '通行证上“换证次数”一栏的 2 位数字，首次领证为 00',

  'identity.name-missing': '请填写姓名，与证件上的姓名一致。',
  'identity.name-too-long': '姓名过长：请只填写证件上的姓名，不要加称谓或其他内容。',
  'identity.name-digits': '姓名中不能有数字：请按证件填写姓名，证件号码请填在“证件号码”一栏。',
  'identity.name-script': '姓名中有其他文字：请用汉字（与通行证一致）或拉丁字母（与护照一致）填写。',
  'identity.name-symbols':
    '姓名中有不能使用的符号：只可使用字母、空格、连字符（-）和撇号（\'）；汉字姓名中间可用间隔号“·”。',
  'identity.name-mixed-scripts': '姓名不能同时含有汉字和拉丁字母：请按证件上的一种写法填写，例如“张三”或“ZHANG SAN”。',

  'identity.number-missing': '请填写证件号码。',
  'identity.id-old-15-digit': '15 位的第一代身份证已停止使用：请填写第二代身份证上的 18 位号码。',
  'identity.id-characters': '身份证号码只由数字组成，最后一位可以是 X：请检查是否混入了其他字母或符号。',
  'identity.id-length': '身份证号码是 18 位：请对照证件检查是否多输或漏输了数字。',
  'identity.id-residence-permit':
    '这是港澳台居民居住证号码：请将证件类型改为港澳或台湾居民来往内地（大陆）通行证，并填写通行证号码。',
  'identity.id-region': '身份证号码的前两位不是有效的省级行政区代码：请对照证件检查开头的数字。',
  'identity.id-birth-date': '身份证号码第 7–14 位是出生日期（年月日），这个日期不存在：请检查这几位数字。',
  'identity.id-birth-before-1900': '身份证号码中的出生年份早于 1900 年：请检查第 7–10 位数字。',
  'identity.id-birth-future': '身份证号码中的出生日期晚于今天：请检查第 7–14 位数字。',
  'identity.id-check-digit': '身份证号码最后一位是校验码，与前 17 位不符：请逐位核对号码；X 只能出现在最后一位。',

  'identity.hkm-local-id': '这是香港或澳门身份证号码：请填写港澳居民来往内地通行证（回乡证）上以 H 或 M 开头的号码。',
  'identity.hkm-prefix': '港澳居民来往内地通行证号码以 H（香港居民）或 M（澳门居民）开头，后接 8 位数字：请补上或更正首字母。',
  'identity.hkm-characters': '港澳居民来往内地通行证号码在首字母 H 或 M 之后只有数字：请检查是否混入了其他字母或符号。',
  'identity.hkm-length':
    '港澳居民来往内地通行证号码是 H 或 M 加 8 位数字（旧证是 10 位，末两位为换证次数）：请检查位数。',
  'identity.tw-taiwan-id': '这是台湾身份证号码：请填写台湾居民来往大陆通行证（台胞证）上的 8 位号码。',
  'identity.tw-characters': '台湾居民来往大陆通行证号码只有数字：请检查是否混入了字母或符号。',
  'identity.tw-length': '台湾居民来往大陆通行证号码是 8 位数字（旧本式证件是 10 位，末两位为签发次数）：请检查位数。',
  'identity.passport-characters': '护照号码只含字母和数字：请去掉横线等符号和“<”。',
  'identity.passport-length': '护照号码是 5 至 15 位字母和数字：请对照护照资料页检查是否多输或漏输。',

  'identity.issue-count-missing': '请填写换证次数：通行证上“换证次数”一栏的 2 位数字，首次领证为 00。',
  'identity.issue-count-format': '换证次数是 2 位数字，例如 00 或 01：请对照通行证填写。',
  'identity.issue-count-mismatch': '证件号码末两位就是换证次数，与另填的换证次数不一致：请对照通行证核对。',

  'identity.identity-not-found':
    '没有找到这个证件号码的登记信息：请检查证件类型和号码；如果入境后更换了护照，请填写入境时使用的护照。',
  'identity.identity-name-mismatch':
    '姓名与登记信息不一致：请按证件填写；拉丁字母姓名先姓后名，例如 LEE SMITH ANNA MARIE。',
  'identity.identity-already-registered': '这个证件已用另一个手机号码注册：请用那个号码登录；如果那个号码已不再使用，请联系服务台。',
  'identity.identity-is-you': '这是您本人的证件：请填写要添加的人的证件。',
  'identity.identity-resident-document': '居民账号只能绑定居民身份证或港澳居民来往内地通行证：请选择其中一种；持护照或台湾居民来往大陆通行证入境的请使用入境人员页面。',
  'identity.field.phone': '手机号码',
  'identity.hint.phone': '个人链接和登录验证码会发送到这个号码',
  'identity.phone-invalid': '请填写手机号码：内地号码为 11 位数字，其他号码请以 + 和国家代码开头。',
  'identity.phone-taken': '这个手机号码已有健康码账号：请用它登录，或填写其他号码。',
  'identity.country-missing': '请选择签发证件的国家或地区：从列表中选择。',
};
