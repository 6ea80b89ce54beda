import type { BootstrapOutput } from '@domain/user/contract'

type Membership = BootstrapOutput['memberships'][number]

/** One concrete effect: how it is said before confirming, and once done (null: not repeated). */
export interface Consequence {
  before: string
  after: string | null
}

const ROLE_WORDS: Record<Membership['relation'], string> = { OWNER: '业主', CO_OWNER: '共有人', TENANT: '租户', FAMILY: '家庭成员' }

/**
 * What withdrawing one purpose does to this person, in their own terms, before they confirm
 * (R4.5, issue #7 item 3): not "房屋号、姓名 will be deleted" but "您在 2栋301 的业主身份将解除，
 * 需重新申请并审核". Built from the session (user.bootstrap), which is what the person sees on 首页
 * and 我的. Empty when nothing concrete is affected; the sheet then lists the fields.
 */
export function withdrawalConsequences(purposeId: string, session: BootstrapOutput | null, extra: { minors?: number } = {}): Consequence[] {
  if (!session) return []
  if (purposeId === 'household') {
    const out: Consequence[] = []
    for (const m of session.memberships) {
      const where = `${m.communityName} ${m.unitLabel}`
      const role = ROLE_WORDS[m.relation]
      if (m.status === 'APPROVED') {
        out.push({ before: `您在 ${where} 的${role}身份将解除，需重新申请并审核`, after: `您在 ${where} 的${role}身份已解除` })
        if (m.relation === 'OWNER' || m.relation === 'CO_OWNER') out.push({ before: `您将不能再审核 ${m.unitLabel} 的租户和家庭成员申请`, after: null })
      } else if (m.status === 'APPLIED') {
        out.push({ before: `您对 ${where} 的入户申请将撤回，审核人员不会再看到`, after: `您对 ${where} 的入户申请已撤回` })
      }
    }
    // The server deletes them with the homes they are registered to (personal-data DEPENDENT_PURPOSES).
    if (extra.minors) out.push({ before: `您为 ${extra.minors} 位未满14周岁孩子登记的信息将删除`, after: `孩子的登记信息已删除` })
    if (out.length > 0) out.push({ before: '您将收不到这些房屋所在楼栋的通知', after: null })
    return out
  }
  if (purposeId === 'contact_phone' && session.profile.phoneMasked) {
    const phone = session.profile.phoneMasked
    return [{ before: `您留下的手机号 ${phone} 将被删除，网格员和物业无法再回电联系您`, after: `手机号 ${phone} 已删除` }]
  }
  return []
}

/** What to say where the person is looking once it is done (toast and the top of the page). */
export function withdrawalDoneText(title: string, consequences: Consequence[], erased: number): string {
  const head = `已撤回“${title}”，已停止处理`
  const done = consequences.map((c) => c.after).filter((a): a is string => a !== null)
  if (done.length > 0) return `${head}。${done.join('；')}`
  return erased > 0 ? `${head}并删除 ${erased} 条相关信息` : head
}
