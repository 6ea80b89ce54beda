/**
 * consent: the caller's consents (R4.3–R4.5). One record per (person, purpose) holds the current
 * state; every change also appends to consent_events in the same transaction, so the evidence
 * (who, which purpose, policy version, channel, time) can never disagree with the state (R4.4).
 */
import { createFunction } from '../_core/router'
import { findAll, getDoc } from '../_core/data'
import { withTransaction } from '../_core/transaction'
import { erasePurposeData } from '../_core/personal-data'
import type { CallContext } from '../_core/context'
import { consentContract } from '../../domain/privacy/contract'
import { consentView, grantProblems } from '../../domain/privacy/consent-rules'
import { privacyNotice } from '../../domain/privacy/notice'
import { DEPLOYMENT_SETTINGS, OPERATOR_DOC_ID, operatorFromDoc } from '../../domain/privacy/operator'
import { consentId, type ConsentDoc, type ConsentState } from '../../domain/privacy/consent-model'
import { needsConsent, POLICY_VERSION, PURPOSES, purposeById, type Purpose, type PurposeId } from '../../domain/privacy/purposes'
import { AppError } from '../../domain/shared/errors'

type StoredConsent = ConsentDoc & Record<string, unknown>

async function statusOf(ctx: CallContext) {
  const docs = await findAll<StoredConsent>('consents', { openid: ctx.openid }, { max: 100 })
  const byPurpose = new Map(docs.map((d) => [d.purposeId, d]))
  return {
    policyVersion: POLICY_VERSION,
    items: (PURPOSES as readonly Purpose[]).map((p) => ({
      ...consentView(p, byPurpose.get(p.id as PurposeId) ?? null, ctx.now),
      title: p.title,
      legalBasis: p.legalBasis,
      toggleable: needsConsent(p),
      separateConsent: p.legalBasis === 'SEPARATE_CONSENT',
      sensitive: p.sensitive,
      optional: p.optional,
    })),
  }
}

function requireCurrentPolicy(policyVersion: string): void {
  // Consent must be informed (PIPL Art. 14): a sheet showing an older notice cannot grant.
  if (policyVersion !== POLICY_VERSION) {
    throw new AppError('CONFLICT', '隐私政策已更新，请阅读新版本后再确认', { policyVersion: POLICY_VERSION })
  }
}

function requireToggleable(purposeId: PurposeId): Purpose {
  const p = purposeById(purposeId)
  if (!needsConsent(p)) {
    throw new AppError('VALIDATION_FAILED', '该项目依法处理，无需也不能单独同意或撤回', { fields: { purpose: [`${purposeId} is ${p.legalBasis}`] } })
  }
  return p
}

/** Set the state of one purpose and append the event, atomically (R4.4). */
async function record(ctx: CallContext, purposeId: PurposeId, state: ConsentState, channel: string): Promise<void> {
  const id = consentId(ctx.openid, purposeId)
  await withTransaction(async (t) => {
    const prev = ((await t.collection('consents').doc(id).get()) as { data: StoredConsent | null }).data
    const next: Omit<ConsentDoc, '_id'> = {
      openid: ctx.openid,
      purposeId,
      state,
      policyVersion: POLICY_VERSION,
      channel,
      updatedAt: ctx.now,
      grantedAt: state === 'GRANTED' ? ctx.now : prev?.grantedAt ?? null,
      refusedAt: state === 'REFUSED' ? ctx.now : prev?.refusedAt ?? null,
      withdrawnAt: state === 'WITHDRAWN' ? ctx.now : prev?.withdrawnAt ?? null,
    }
    await t.collection('consents').doc(id).set({ data: next })
    await t.collection('consent_events').add({
      data: {
        _id: `ce:${ctx.openid}:${purposeId}:${ctx.requestId}`,
        openid: ctx.openid,
        purposeId,
        event: state,
        previousState: prev?.state ?? null,
        policyVersion: POLICY_VERSION,
        channel,
        at: ctx.now,
        requestId: ctx.requestId,
      },
    })
  })
}

export const main = createFunction(consentContract, {
  async status(_input, ctx) {
    return statusOf(ctx)
  },

  async grant({ purposes, policyVersion, channel }, ctx) {
    requireCurrentPolicy(policyVersion)
    const problem = grantProblems(purposes)
    if (problem) throw new AppError('VALIDATION_FAILED', problem, { fields: { purposes: [problem] } })
    // Each purpose is its own record and event, never one "bundle" row (R4.3, R4.4).
    for (const p of purposes) await record(ctx, p, 'GRANTED', channel)
    return statusOf(ctx)
  },

  async refuse({ purpose, policyVersion, channel }, ctx) {
    requireCurrentPolicy(policyVersion)
    requireToggleable(purpose)
    const current = (await statusOf(ctx)).items.find((i) => i.purposeId === purpose)
    if (current?.effective) throw new AppError('CONFLICT', '您已同意此项，如需停止请使用“撤回同意”', { purpose })
    await record(ctx, purpose, 'REFUSED', channel)
    return statusOf(ctx)
  },

  async withdraw({ purpose, channel }, ctx) {
    requireToggleable(purpose)
    const before = (await statusOf(ctx)).items.find((i) => i.purposeId === purpose)
    // Withdrawing first, erasing second: from this write on, requireConsent fails for the purpose,
    // so no call can process it while the erasure runs (R4.5 "processing stops immediately").
    if (before?.state === 'GRANTED') await record(ctx, purpose, 'WITHDRAWN', channel)
    const erased = await erasePurposeData(ctx.openid, purpose)
    return { ...(await statusOf(ctx)), erased }
  },

  async policy() {
    // The operator and contact are per deployment (PIPL Art. 17), read from the database each time.
    const doc = await getDoc<{ _id: string } & Record<string, unknown>>(DEPLOYMENT_SETTINGS, OPERATOR_DOC_ID)
    return privacyNotice(operatorFromDoc(doc))
  },
})
