// Simplified Chinese for the holder's code page. strings.en.ts has exactly these keys (its type says so).

export const zhCN = {
  'code.title': '我的健康码',
  'code.green': '绿码',
  'code.greenHint': '可正常通行',
  'code.red': '红码',
  'code.redHint': '请勿通行，并配合当地防疫要求',
  'code.reason': '原因：{reason}',
  'code.updated': '更新于{ago}',
  'code.expiresAt': '有效期至 {time}',
  'code.expired': '此健康码已过期，请联网刷新',
  'code.offline': '离线：显示的是本机保存的健康码',
  'code.none': '暂无健康码，请联网后重试',
  'code.loading': '正在获取健康码…',
  'code.refresh': '刷新',
  'code.name': '姓名',
  'code.kind.resident': '居民健康码',
  'code.kind.traveller': '入境人员健康码',
  'code.kind.dependent': '家属健康码',
  'code.kind.printed': '打印健康码',
} as const;
