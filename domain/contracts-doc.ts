import { z } from 'zod'
import { CONTRACTS } from './contracts'
import type { ActionSpec } from './shared/contract'

/** Every function and action with its input/output JSON schema (GET /__dev/actions). */
export function describeActions() {
  return {
    functions: Object.entries(CONTRACTS).map(([name, contract]) => ({
      name,
      actions: Object.entries(contract.actions as Record<string, ActionSpec>).map(([action, spec]) => ({
        action,
        summary: spec.summary,
        access: typeof spec.access === 'string' ? spec.access : { capability: spec.access.capability },
        purpose: spec.purpose ?? null,
        input: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }),
        output: z.toJSONSchema(spec.output, { unrepresentable: 'any' }),
      })),
    })),
  }
}
