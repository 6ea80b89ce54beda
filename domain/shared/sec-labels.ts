/** zh labels of msgSecCheck v2 results (R5.8): what a refusal says to the author. One table for every feature. */
export const SEC_LABELS: Record<number, string> = {
  10001: '广告',
  20001: '时政',
  20002: '色情',
  20003: '辱骂',
  20006: '违法犯罪',
  20008: '欺诈',
  20012: '低俗',
  20013: '版权',
  21000: '其他',
}
