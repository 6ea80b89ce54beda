/**
 * Who processes the data and how to reach them (PIPL Art. 17: the notice names the processor and
 * a contact). It differs per deployment — a residents' committee, a sub-district, a property
 * company — so it is not code: the operator writes one document, `deployment_settings/operator`
 * (database/collections.json), in the cloud console; the seeds write the demo values. The notice
 * (consent.policy) reads it on every call.
 */
export const DEPLOYMENT_SETTINGS = 'deployment_settings'
export const OPERATOR_DOC_ID = 'operator'

export interface OperatorInfo {
  /** The legal name of the personal-information processor (运营方). */
  name: string
  /** How to reach them about personal information: phone, email or both, as one line. */
  contact: string
  /** Postal address for written requests and complaints; optional. */
  address: string | null
  /** 个人信息保护负责人 (PIPL Art. 52), when one is appointed; optional. */
  officer: string | null
}

/** Shown when a deployment has not configured its operator yet: honest, and points to a person. */
export const OPERATOR_NOT_CONFIGURED = '运营方信息尚未配置，请联系所在社区居委会'

/** A stored document → what the notice shows; anything malformed counts as not configured. */
export function operatorFromDoc(doc: Record<string, unknown> | null): OperatorInfo | null {
  if (!doc) return null
  const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : null)
  const name = text(doc.name)
  const contact = text(doc.contact)
  if (!name || !contact) return null
  return { name, contact, address: text(doc.address), officer: text(doc.officer) }
}

/** The demo deployment's values (seeds): clearly a demo, still a complete example. */
export const DEMO_OPERATOR: OperatorInfo = {
  name: '学堂坡社区居民委员会（演示）',
  contact: '电话 0731-8888 0000（工作日 9:00–17:00），邮箱 privacy@linli.example',
  address: '长沙市天心区学堂坡路 1 号 社区服务中心',
  officer: '社区个人信息保护负责人 王主任（演示）',
}
