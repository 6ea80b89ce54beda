import { callCloud, type CallOutput } from '@/services/cloud'

/**
 * The privacy notice (consent.policy), generated on the server from the purpose registry, so the
 * sheets show exactly what the consent guard enforces (R4.1). Loaded once per launch and shared by
 * every sheet and page; reloaded when the server says the policy changed.
 */
export type PrivacyPolicy = CallOutput<'consent', 'policy'>
export type NoticePurpose = PrivacyPolicy['purposes'][number]
export type ConsentStatus = CallOutput<'consent', 'status'>
export type ConsentItem = ConsentStatus['items'][number]

let cached: Promise<PrivacyPolicy> | null = null

export function loadPolicy(options: { fresh?: boolean } = {}): Promise<PrivacyPolicy> {
  if (!cached || options.fresh) {
    const request = callCloud('consent', 'policy', {})
    // A failed load must not stick: the next sheet tries again.
    request.catch(() => {
      if (cached === request) cached = null
    })
    cached = request
  }
  return cached
}

export function findPurpose(policy: PrivacyPolicy, purposeId: string): NoticePurpose | null {
  return policy.purposes.find((p) => p.id === purposeId) ?? null
}

/** Cached title for messages ("您未同意“联系电话”…"); the id when the policy is not loaded yet. */
let titles = new Map<string, string>()
export function purposeTitle(purposeId: string): string {
  return titles.get(purposeId) ?? purposeId
}
export function rememberTitles(policy: PrivacyPolicy): void {
  titles = new Map(policy.purposes.map((p) => [p.id, p.title]))
}

/** Tests only. */
export function resetPolicyCache(): void {
  cached = null
  titles = new Map()
}
