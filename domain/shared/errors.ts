/**
 * The closed set of error codes that can cross the wire (architecture.md, "How a call flows").
 * The client branches on these; zh-CN messages for people live in src/shared/lib/error-messages.ts.
 */
export const GENERIC_ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'CONSENT_REQUIRED',
  'VALIDATION_FAILED',
  'NOT_FOUND',
  'CONFLICT',
  'RATE_LIMITED',
  'UNKNOWN_ACTION',
  'INTERNAL',
] as const

/** Domain codes: added here (never ad hoc strings) as features need them. */
export const DOMAIN_ERROR_CODES = [
  'BOOKING_SLOT_FULL',
  'BOOKING_QUOTA_EXCEEDED',
  'BOOKING_OUTSIDE_WINDOW',
  'BOOKING_CLOSED',
  'BOOKING_CANCEL_CLOSED',
  'BOOKING_PAUSED',
  'HOUSEHOLD_ALREADY_MEMBER',
  'ROSTER_INVALID',
  'CONSENT_COOLDOWN',
  /** The audience resolves to no household: nothing published. */
  'AUDIENCE_EMPTY',
  /** msgSecCheck said risky (R5.8): refused with the reason. */
  'CONTENT_REFUSED',
  'ALREADY_VOTED',
  'ELECTION_NOT_OPEN',
  'ELECTION_LOCKED',
  'PAPER_MISMATCH',
] as const

/** Only the client produces this one: the call never reached the function or the answer was lost. */
export const CLIENT_ERROR_CODES = ['NETWORK'] as const

export const ERROR_CODES = [...GENERIC_ERROR_CODES, ...DOMAIN_ERROR_CODES] as const
export type ErrorCode = (typeof ERROR_CODES)[number]
export type ClientErrorCode = ErrorCode | (typeof CLIENT_ERROR_CODES)[number]

/** Field path (dot-joined) → messages. Returned with VALIDATION_FAILED. */
export type FieldErrors = Record<string, string[]>

export interface WireError {
  code: ErrorCode
  message: string
  details?: unknown
  requestId: string
}

/**
 * Thrown inside cloud functions to end the call with a known code. Anything else that is thrown
 * becomes INTERNAL and its cause is logged, never returned.
 */
export class AppError extends Error {
  readonly code: ErrorCode
  readonly details?: unknown
  constructor(code: ErrorCode, message?: string, details?: unknown) {
    super(message ?? code)
    this.name = 'AppError'
    this.code = code
    this.details = details
  }
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value)
}
