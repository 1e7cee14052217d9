// 访客扫葵花码登记页面的中文。

export const zhCN = {
  'checkin.title': '扫码登记',
  'checkin.checking': '正在核验葵花码…',
  'checkin.done': '登记成功',
  'checkin.venue': '场所',
  'checkin.time': '时间',
  'checkin.showInspector': '请向检测员出示本页面',
  'checkin.queued': '当前无网络：登记已保存在本机，联网后自动上传。',
  'checkin.sent': '已上传',
  'checkin.refused': '无法登记',
  'checkin.reason.malformed': '这不是有效的葵花码。请扫描检测点出示的葵花码。',
  'checkin.reason.bad-signature': '葵花码校验失败，可能是伪造的。请扫描检测点出示的葵花码。',
  'checkin.reason.unknown-key': '此葵花码不属于本系统，或本机的公钥列表未更新。请联网后重试，或扫描检测点出示的葵花码。',
  'checkin.reason.wrong-day': '此葵花码不是今天的。请扫描检测点当前出示的葵花码。',
  'checkin.reason.server': '服务器拒绝了此次登记：{msg}',
  'checkin.noCode': '链接中没有葵花码。请用相机扫描检测点出示的葵花码。',
  'checkin.myCode': '查看我的健康码',
} as const;
