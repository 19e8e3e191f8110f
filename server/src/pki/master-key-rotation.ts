import { LockMode } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { KeyVault } from './key-vault';
import { WrappedKey } from './wrapped-key.entity';

/** What a rotation did, by wrapped key. */
export interface RotationCounts {
  /** Moved to the current master key by this run. */
  rewrapped: number;
  /** Already under the current master key (new keys, or rewrapped by an earlier run). */
  alreadyCurrent: number;
  /** Wrapped by a master key given neither as MASTER_KEY nor in MASTER_KEY_PREVIOUS: left as is. */
  unknownMasterKey: number;
}

const BATCH_SIZE = 100;
const BEFORE_ANY_UUID = '00000000-0000-0000-0000-000000000000';

/**
 * Rewraps every live data key under the vault's current master key, a batch per transaction,
 * each row locked while it changes so that a server destroying a key at the same moment waits.
 * Rows already current are skipped, so running it again, or after an interruption, resumes.
 */
export async function rotateMasterKey(
  em: EntityManager,
  vault: KeyVault,
  onBatch: (counts: RotationCounts) => void = () => undefined,
): Promise<RotationCounts> {
  const counts: RotationCounts = {
    rewrapped: 0,
    alreadyCurrent: await em.count(WrappedKey, live({ masterKeyId: vault.masterKeyId })),
    unknownMasterKey: 0,
  };
  let after = BEFORE_ANY_UUID;
  for (;;) {
    const batch = await em.transactional((tx) => rewrapBatch(tx, vault, after, counts));
    if (batch.length === 0) break;
    after = batch[batch.length - 1].id;
    onBatch(counts);
  }

  return counts;
}

async function rewrapBatch(
  em: EntityManager,
  vault: KeyVault,
  after: string,
  counts: RotationCounts,
): Promise<WrappedKey[]> {
  const batch = await em.find(
    WrappedKey,
    live({ masterKeyId: { $ne: vault.masterKeyId }, id: { $gt: after } }),
    {
      orderBy: { id: 'asc' },
      limit: BATCH_SIZE,
      lockMode: LockMode.PESSIMISTIC_WRITE,
      populate: ['wrappedDataKey', 'encryptedKey'],
    },
  );
  for (const key of batch) {
    if (!vault.knows(key.masterKeyId)) {
      counts.unknownMasterKey += 1;
      continue;
    }
    const rewrapped = vault.rewrap(sealedOf(key), key.id);
    key.masterKeyId = rewrapped.masterKeyId;
    key.wrappedDataKey = rewrapped.wrappedDataKey;
    counts.rewrapped += 1;
  }

  return batch;
}

/** Destroyed keys have nothing left to rewrap. */
function live(where: Record<string, unknown>) {
  return { ...where, wrappedDataKey: { $ne: null }, destroyedAt: null };
}

function sealedOf(key: WrappedKey) {
  return {
    masterKeyId: key.masterKeyId,
    wrappedDataKey: key.wrappedDataKey!,
    encryptedKey: key.encryptedKey!,
  };
}
