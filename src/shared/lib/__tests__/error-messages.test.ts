import { CLIENT_ERROR_CODES, ERROR_CODES } from '@domain/shared/errors'
import { ERROR_MESSAGES, errorMessage } from '../error-messages'

test('every error code that can reach the client has a zh-CN message, and there are no extras', () => {
  const codes = [...ERROR_CODES, ...CLIENT_ERROR_CODES]
  expect(Object.keys(ERROR_MESSAGES).sort()).toEqual([...codes].sort())
  for (const code of codes) {
    expect(errorMessage(code)).toMatch(/[\u4e00-\u9fff]/)
  }
})

test('messages are distinct, so a support call can tell them apart', () => {
  const messages = Object.values(ERROR_MESSAGES)
  expect(new Set(messages).size).toBe(messages.length)
})
