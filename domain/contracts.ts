/**
 * Every cloud function's contract, by function name. The client types callCloud from this map
 * (type-only imports), the router validates with it, and GET /__dev/actions documents it.
 */
import { userContract } from './user/contract'

export const CONTRACTS = {
  user: userContract,
} as const

export type Contracts = typeof CONTRACTS
export type FunctionName = keyof Contracts
