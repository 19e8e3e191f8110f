import type { FilterQuery } from '@mikro-orm/core';
import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor } from '../../common/context';
import { HistoryAction } from '../../history/history-action.enum';
import type { HistoryService } from '../../history/history.service';
import { SealPermission } from './seal-permission.entity';

/** Marks a grant revoked and records it, in the caller's transaction. */
export function markRevoked(
  em: EntityManager,
  history: HistoryService,
  actor: Actor,
  permission: SealPermission,
  reason: string,
): void {
  const now = new Date();
  em.assign(permission, {
    revokedAt: now,
    revokedBy: actor.userId ?? null,
    revokeReason: reason,
    // A revoked grant neither starts nor lapses later: nothing is left to announce.
    announcedStartAt: permission.announcedStartAt ?? now,
    announcedEndAt: permission.announcedEndAt ?? now,
  });
  history.record(em, actor, HistoryAction.PERMISSION_REVOKED, {
    sealId: permission.seal.id,
    payload: { permissionId: permission.id, granteeId: permission.grantee.id, reason },
  });
}

/**
 * Revokes, in the caller's transaction, every grant matching `where` that has not ended: when
 * its holder leaves the organisation, or its seal is deleted, so that no grant outlives the
 * reason it was given (a member taken back on does not silently regain it). Returns them, for
 * the caller to announce once the transaction has committed.
 */
export async function revokeLiveGrants(
  em: EntityManager,
  history: HistoryService,
  actor: Actor,
  where: FilterQuery<SealPermission>,
  reason: string,
): Promise<SealPermission[]> {
  const live = await em.find(
    SealPermission,
    { $and: [where, { revokedAt: null, validTo: { $gt: new Date() } }] },
    { lockMode: LockMode.PESSIMISTIC_WRITE },
  );
  for (const permission of live) markRevoked(em, history, actor, permission, reason);

  return live;
}
