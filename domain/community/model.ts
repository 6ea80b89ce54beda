/**
 * The community model as stored (collections in database/collections.json). Area is an integer
 * in 0.01 m² (architecture.md conventions); headcount and area for Art. 278 decisions are derived
 * from units and owner parties (R2.1), never typed in.
 */
export const AREA_SOURCES = ['REGISTER', 'SURVEY', 'CONTRACT'] as const
export type AreaSource = (typeof AREA_SOURCES)[number]

export const RELATIONS = ['OWNER', 'CO_OWNER', 'TENANT', 'FAMILY'] as const
export type Relation = (typeof RELATIONS)[number]

export const RELATION_LABELS: Record<Relation, string> = {
  OWNER: '业主',
  CO_OWNER: '共有人',
  TENANT: '租户',
  FAMILY: '家庭成员',
}

export const MEMBERSHIP_STATUSES = ['APPLIED', 'APPROVED', 'REJECTED', 'LEFT'] as const
export type MembershipStatus = (typeof MEMBERSHIP_STATUSES)[number]

export interface CommunityDoc {
  _id: string
  name: string
  city: string
  /** Community type from the field study (baseline.md "Who lives there"). */
  kind: 'OLD_BLOCK' | 'NEW_ESTATE' | 'WORK_UNIT' | 'VILLAGE_TO_RESIDENCE' | 'OTHER'
  settings: {
    /** R2.3: parking-space area excluded from voting area (Ningbo rule); per community. */
    excludeParkingFromArea: boolean
    /** Issue #12: candidate conditions and the proxy cap (domain/election/eligibility.ts); defaults when absent. */
    election?: { candidateConditions?: string[]; proxyCapPerAgent?: number }
  }
  populated: boolean
}

export interface BuildingDoc {
  _id: string
  communityId: string
  name: string
  order: number
}

export interface UnitDoc {
  _id: string
  communityId: string
  buildingId: string
  /** Door number within the building, e.g. "301"; the label shown is `${building.name}${number}`. */
  number: string
  floor: number
  /** 0.01 m². */
  area: number
  areaSource: AreaSource
  areaDocRef: string
  isParking: boolean
  /** Unsold, or sold but not delivered: counted with the developer as one person (R2.1). */
  developerHeld: boolean
  delivered: boolean
  ownerPartyId: string | null
  /** No longer in the owner register after a full (replace) import: kept for references, never counted. */
  retired?: boolean
  retiredAt?: Date | null
}

export interface OwnerPartyDoc {
  _id: string
  communityId: string
  kind: 'PERSON' | 'DEVELOPER' | 'CORPORATE'
  /** Sorted, salted hashes of the certificate holders' ID numbers — one party per exact holder set (§9 Q2). */
  holderKey: string
  holders: { name: string; idHash: string }[]
}

export interface GridDoc {
  _id: string
  communityId: string
  name: string
  buildingIds: string[]
  households: number
  workerOpenids: string[]
  workerName: string
  workerPhone: string
  supervisorHotline: string
}

export interface UserDoc {
  _id: string // the OPENID
  nickname: string | null
  realName: string | null
  phone: string | null
  elderMode: boolean | null
  currentCommunityId: string | null
  createdAt: Date
  updatedAt: Date
  deletedAt?: Date | null
}

export interface HouseholdMemberDoc {
  _id: string
  openid: string
  communityId: string
  buildingId: string
  unitId: string
  relation: Relation
  status: MembershipStatus
  realName: string | null
  /** Under-14s are added by a guardian (R4.7). */
  guardianOpenid?: string | null
  reviewedBy?: string | null
  reviewNote?: string | null
  createdAt: Date
  updatedAt: Date
}

export interface RoleGrantDoc {
  _id: string
  openid: string
  role: 'GRID_WORKER' | 'PROPERTY_STAFF' | 'RC_STAFF' | 'COMMITTEE_MEMBER' | 'COMMUNITY_ADMIN'
  communityId: string
  gridIds?: string[]
  grantedBy: string
  grantedAt: Date
  revokedAt: Date | null
  /** True for accounts of the property company — blocked from acting as proxies (R2.6). */
  propertyCompanyStaff?: boolean
  /** The invite code that made this grant, if any: a repeat redemption only ever sees this grant. */
  viaInvite?: string | null
  revokedBy?: string
  /** Written by a revocation that relied on this admin grant staying active (last-admin rule). */
  adminCheckedAt?: Date
}

export function unitLabel(buildingName: string, unitNumber: string): string {
  return `${buildingName}${unitNumber}`
}

/** 0.01 m² → "123.45 m²" for display. */
export function formatArea(centi: number): string {
  return `${(centi / 100).toFixed(2)} m²`
}
