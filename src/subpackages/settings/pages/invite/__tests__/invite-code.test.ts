import { checkInviteCode, normalizeInviteCode } from '../invite-code'

describe('normalizeInviteCode', () => {
  test('upper-cases and drops the spaces and separators people add', () => {
    expect(normalizeInviteCode('abcd efgh')).toBe('ABCDEFGH')
    expect(normalizeInviteCode(' ab-cd_ef.gh ')).toBe('ABCDEFGH')
    expect(normalizeInviteCode('AB·CD—EF–GH')).toBe('ABCDEFGH')
  })

  test('full-width input from a Chinese keyboard becomes half-width', () => {
    expect(normalizeInviteCode('ＡＢｃｄ　２３４５')).toBe('ABCD2345')
    expect(normalizeInviteCode('ＸＹ－９８')).toBe('XY98')
  })
})

describe('checkInviteCode', () => {
  test('eight valid characters are complete', () => {
    expect(checkInviteCode('abcd2345')).toEqual({ code: 'ABCD2345', complete: true, problem: null })
  })

  test('a partial code is not complete but is no problem yet', () => {
    expect(checkInviteCode('abc')).toEqual({ code: 'ABC', complete: false, problem: null })
    expect(checkInviteCode('')).toEqual({ code: '', complete: false, problem: null })
  })

  test('0 and 1 are never in a code: the person is told to check (likely letters)', () => {
    const check = checkInviteCode('ABCD0123')
    expect(check.complete).toBe(false)
    expect(check.problem).toContain('0和1')
  })

  test('other characters and too long codes are refused with a reason', () => {
    expect(checkInviteCode('ABCD234中').problem).toContain('字母和数字2–9')
    expect(checkInviteCode('ABCD23456').problem).toContain('8位')
    expect(checkInviteCode('ABCD23456').complete).toBe(false)
  })

  test('agrees with the server pattern for every complete code', () => {
    for (const raw of ['zzzz9999', 'Ｋ７Ｍ３ Ｐ８Ｑ２', 'hjkm-npqr']) {
      const check = checkInviteCode(raw)
      expect(check.complete).toBe(true)
      expect(check.code).toMatch(/^[A-Z2-9]{8}$/)
    }
  })
})
