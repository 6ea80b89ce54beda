import type { BootstrapOutput } from '@domain/user/contract'
import type { CallInput, CallOutput } from '../contracts'

/** Compile-time checks (tsc): callCloud's types come from the contract map. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false
const bootstrapOutputIsTyped: Equal<CallOutput<'user', 'bootstrap'>, BootstrapOutput> = true
const setElderModeInput: CallInput<'user', 'setElderMode'> = { elderMode: true }
// @ts-expect-error — an unknown action is rejected
const unknownAction: CallOutput<'user', 'noSuchAction'> = null

test('contract types resolve (checked by tsc)', () => {
  expect(bootstrapOutputIsTyped).toBe(true)
  expect(setElderModeInput.elderMode).toBe(true)
  expect(unknownAction).toBeNull()
})
