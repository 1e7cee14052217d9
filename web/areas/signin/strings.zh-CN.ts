// Simplified Chinese for the sign-in page. strings.en.ts has exactly these keys (its type says so).

export const zhCN = {
  'signin.title': '手机号登录',
  'signin.phone': '手机号',
  'signin.phonePlaceholder': '请输入手机号',
  'signin.sendCode': '获取验证码',
  'signin.sending': '正在发送…',
  'signin.resendIn': '{s} 秒后可重新获取',
  'signin.resend': '重新获取验证码',
  'signin.code': '短信验证码',
  'signin.codeSent': '验证码已发送至 {phone}，5 分钟内有效',
  'signin.remember': '在此设备上保持登录 30 天',
  'signin.rememberHint': '公用或他人的设备请勿勾选',
  'signin.verify': '登录',
  'signin.verifying': '正在登录…',
  'signin.changePhone': '更换手机号',
  'signin.invalidPhone': '请输入正确的手机号',
  'signin.invalidCode': '请输入 6 位数字验证码',
  'signin.smsRisk': '短信验证码可能被他人截获，请勿将验证码告诉任何人。',
  'signin.firstTime': '第一次使用？',
  'signin.register': '居民注册',
  'signin.forCheckin': '登录后将继续完成场所扫码登记。',
} as const;
