/**
 * The functions the client may call, typed from the one contract map in domain/contracts.ts.
 * Type-only import: the contracts are zod schemas, and importing them as values would bundle zod
 * into the main package (check:weapp fails if it does).
 */
import type { ActionInput, ActionOutput, FunctionContract } from '@domain/shared/contract'
import type { Contracts } from '@domain/contracts'

export type CloudContracts = Contracts

export type FunctionName = keyof CloudContracts
export type ActionName<F extends FunctionName> = Extract<keyof CloudContracts[F]['actions'], string>

type ContractOf<F extends FunctionName> = CloudContracts[F] extends FunctionContract ? CloudContracts[F] : never

export type CallInput<F extends FunctionName, A extends ActionName<F>> = ActionInput<ContractOf<F>, A>
export type CallOutput<F extends FunctionName, A extends ActionName<F>> = ActionOutput<ContractOf<F>, A>
