import type { BootstrapOutput } from '@domain/user/contract'
import { RELATION_LABELS } from '@/shared/lib/labels'
import { ROUTES } from '@/shared/lib/routes'
import type { PortalRegistration } from '../types'
import { isVisitor } from '../session-facts'

/**
 * The resident's own pages (settings subpackage) on 首页. Every entry leads to a page that works for
 * the person it is shown to: 我的房屋 once there is a home or an application, 访问记录 once there is
 * an account with something to look at; a visitor gets the public ones (隐私说明, 长辈版).
 */
const hasRecord = (s: BootstrapOutput) => s.memberships.length > 0 || s.roles.length > 0

export const registration: PortalRegistration = {
  entries: [
    { key: 'settings', title: '我的房屋', glyph: '房', url: ROUTES.myHouseholds, order: 20, visible: (s) => s.memberships.length > 0 },
    { key: 'settings', title: '隐私设置', glyph: '私', url: ROUTES.privacySettings, order: 80, visible: () => true },
    { key: 'settings', title: '访问记录', glyph: '查', url: ROUTES.accessLog, order: 85, visible: hasRecord },
    // Public: what the app does with personal data, readable before joining (PIPL Art. 17).
    { key: 'settings', title: '隐私说明', glyph: '说', url: ROUTES.privacyNotice, order: 90, visible: isVisitor },
    { key: 'settings', title: '长辈版', glyph: '长', url: ROUTES.careModeSettings, order: 95, visible: () => true },
  ],
  workItems: [],
  myThings: [
    {
      key: 'settings-application',
      visible: (s) => s.memberships.some((m) => m.status === 'APPLIED'),
      load: async (s) => {
        const m = s.memberships.find((x) => x.status === 'APPLIED')
        return m
          ? { title: '入户申请审核中', description: `${m.unitLabel} · ${RELATION_LABELS[m.relation]}，审核通过后即可使用社区服务`, url: ROUTES.myHouseholds }
          : null
      },
    },
    {
      key: 'settings-rejected',
      visible: (s) => s.memberships.some((m) => m.status === 'REJECTED'),
      load: async (s) => {
        const m = s.memberships.find((x) => x.status === 'REJECTED')
        return m ? { title: '入户申请未通过', description: `${m.unitLabel}：可在“我的房屋”查看并重新申请`, url: ROUTES.myHouseholds } : null
      },
    },
  ],
  alerts: [],
}
