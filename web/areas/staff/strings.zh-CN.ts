// Simplified Chinese for the staff area. strings.en.ts has exactly these keys (its type says so).

export const zhCN = {
  'home.title': '欢迎',
  'home.role': '当前身份：{role}',
  'home.noPage': '此身份的功能请在管理后台使用。',
  'home.dashboard': '场所统计',
  'role.holder': '居民',
  'role.inspector': '检测员',
  'role.manager': '场所管理员',
  'role.org-admin': '单位管理员',
  'role.admin': '卫生健康部门管理员',
} as const;
