/**
 * The add-a-child form's rules, kept with the page but testable on their own. They mirror the
 * server's (household.addMinor re-checks): a short form of address, and an age under 14 counted
 * in Asia/Shanghai years (R4.7).
 */
export function shanghaiYear(now: Date): number {
  return new Date(now.getTime() + 8 * 3600 * 1000).getUTCFullYear()
}

export function minorFormProblem(displayName: string, birthYearText: string, now: Date): string | null {
  if (!displayName.trim()) return '请填写孩子的称呼（小名即可）'
  if (displayName.trim().length > 10) return '称呼最多10个字'
  if (!/^\d{4}$/.test(birthYearText.trim())) return '请填写4位出生年份，如 2019'
  const age = shanghaiYear(now) - Number(birthYearText.trim())
  if (age < 0) return '出生年份不能晚于今年'
  if (age >= 14) return '年满14周岁的孩子请用自己的微信申请加入'
  return null
}
