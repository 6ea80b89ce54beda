/**
 * A scripted `fetch` for client tests: each call takes the next answer. An answer is an envelope
 * (sent as JSON 200), a Response-like object, or an Error (the fetch rejects).
 */
export interface RecordedCall {
  url: string
  init: RequestInit
  body: any
  headers: Record<string, string>
}

type Answer = unknown | Error | { status: number; text: string }

export function mockFetch(...answers: Answer[]): { calls: RecordedCall[]; restore(): void } {
  const calls: RecordedCall[] = []
  const original = globalThis.fetch
  const queue = [...answers]
  globalThis.fetch = (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const headers = { ...(init.headers as Record<string, string> | undefined) }
    calls.push({ url: String(input), init, headers, body: typeof init.body === 'string' ? JSON.parse(init.body) : undefined })
    const answer = queue.length > 1 ? queue.shift() : queue[0]
    if (answer instanceof Error) throw answer
    if (answer && typeof answer === 'object' && 'status' in answer && 'text' in answer) {
      const { status, text } = answer as { status: number; text: string }
      return { ok: status < 400, status, json: async () => JSON.parse(text) } as Response
    }
    return { ok: true, status: 200, json: async () => answer } as Response
  }) as typeof fetch
  return {
    calls,
    restore() {
      globalThis.fetch = original
    },
  }
}

export const bootstrapFixture = {
  isNew: false,
  profile: { nickname: '王阿姨', elderMode: null, realName: '王秀英', phoneMasked: '138****0001' },
  memberships: [
    {
      id: 'm1',
      communityId: 'c_xuetangpo',
      communityName: '学堂坡社区',
      unitId: 'u1',
      unitLabel: '3栋2单元501',
      relation: 'TENANT' as const,
      status: 'APPROVED' as const,
    },
  ],
  ownerReviews: 0,
  roles: [{ role: 'RESIDENT' as const, communityId: 'c_xuetangpo' }],
  capabilities: { c_xuetangpo: [] },
  currentCommunity: { id: 'c_xuetangpo', name: '学堂坡社区' },
}
