/**
 * Audit trail: role changes, reviews, imports, reveals of masked data. Append-only; one document
 * per event with a deterministic id derived from the request, so a retried call does not log twice.
 */
import { db } from './cloud'
import { isDuplicateKey } from './data'
import type { CallContext } from './context'

export async function audit(
  ctx: CallContext,
  entry: { communityId: string | null; event: string; target?: string; details?: Record<string, unknown> },
  suffix = '',
): Promise<void> {
  try {
    await db.collection('audit_log').add({
      data: {
        _id: `al_${ctx.requestId}_${entry.event}${suffix ? `_${suffix}` : ''}`,
        at: ctx.now,
        actorOpenid: ctx.openid,
        function: ctx.functionName,
        action: ctx.action,
        communityId: entry.communityId,
        event: entry.event,
        target: entry.target ?? null,
        details: entry.details ?? {},
      },
    })
  } catch (e) {
    if (!isDuplicateKey(e)) throw e
  }
}
