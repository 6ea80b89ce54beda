/** Stored documents of the group function (issue #13). Dates are Date objects in the database. */
import type { AgendaStatus, GroupKind, GroupStatus, PostKind, PostStatus } from '../../domain/group/rules'

export interface GroupDoc {
  _id: string
  communityId: string
  kind: GroupKind
  name: string
  description: string
  status: GroupStatus
  buildingId: string | null
  /** OFFICIAL groups: the role whose holders are its members (they post; residents read). */
  officialRole: 'RC_STAFF' | 'COMMITTEE_MEMBER' | null
  adminOpenids: string[]
  proposedBy: string | null
  reviewNote: string | null
  createdAt: Date
  updatedAt: Date
}

/** gm_<groupId>_<openid>. Building groups need one only after a leave, mute or removal. */
export interface MemberDoc {
  _id: string
  groupId: string
  communityId: string
  openid: string
  state: 'JOINED' | 'LEFT' | 'REMOVED'
  mutedUntil: Date | null
  muteReason: string | null
  removedReason: string | null
  updatedAt: Date
}

export interface ModerationStep {
  at: Date
  action: string
  reason: string
  by: string
}

export interface ChainEntry {
  openid: string
  nameMasked: string
  values: Record<string, string>
  at: Date
}

export interface PostDoc {
  _id: string
  groupId: string
  communityId: string
  authorOpenid: string
  kind: PostKind
  text: string
  images: string[]
  status: PostStatus
  /** The note the author sees while the post is not published. */
  note: string | null
  /** Held because the check could not run: the recheck-held timer checks it again (R5.9). */
  pendingCheck: boolean
  moderation: ModerationStep[]
  pinned: boolean
  commentCount: number
  reactions: Record<string, number>
  reports: number
  createdAt: Date
  agendaItemId: string | null
  chain?: { cap: number; deadline: Date; fields: { key: string; label: string; kind: 'text' | 'number' | 'phone' }[] }
  /** The chain's or poll's deadline as epoch ms: conditional updates compare it as a number (nested Dates do not survive every update path of the local store). */
  deadlineMs?: number
  chainCount?: number
  chainJoined?: string[]
  chainEntries?: ChainEntry[]
  poll?: { options: { id: string; text: string }[]; multiple: boolean; anonymous: boolean; deadline: Date }
  /** Who voted (one vote each); for named polls pollBallots names the voter's choices. */
  pollVoters?: string[]
  pollBallots?: { openid: string; choices: string[] }[]
  pollTally?: Record<string, number>
}

export interface CommentDoc {
  _id: string
  postId: string
  groupId: string
  communityId: string
  authorOpenid: string
  replyTo: string | null
  text: string
  status: PostStatus
  note: string | null
  pendingCheck: boolean
  moderation: ModerationStep[]
  /** Counted in the post's commentCount (only once published). */
  counted: boolean
  reports: number
  createdAt: Date
}

export interface AgendaDoc {
  _id: string
  communityId: string
  title: string
  summary: string
  postId: string | null
  groupId: string | null
  status: AgendaStatus
  raisedBy: string
  meetingAt: Date | null
  outcome: string | null
  followUp: string | null
  history: { at: Date; status: AgendaStatus; note: string }[]
  createdAt: Date
  updatedAt: Date
}

/** A building or official group as it starts: active, no admins (staff moderate). Pure: seeds use it too. */
export function standardGroup(id: string, communityId: string, kind: GroupDoc['kind'], name: string, description: string, buildingId: string | null, officialRole: GroupDoc['officialRole'], now: Date): GroupDoc {
  return { _id: id, communityId, kind, name, description, status: 'ACTIVE', buildingId, officialRole, adminOpenids: [], proposedBy: null, reviewNote: null, createdAt: now, updatedAt: now }
}
