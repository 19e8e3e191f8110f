import { hash } from '@node-rs/argon2';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ARGON2 } from '../common/argon2';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import { User } from './user.entity';
import { UserRole } from './user-role.enum';

/** A username and password already checked by the configuration (ADMIN_USERNAME, ADMIN_PASSWORD). */
export interface AdminCredentials {
  username: string;
  password: string;
}

/**
 * Creates an ADMIN account, for the first start and for `npm run create-admin`. Returns false
 * when that administrator exists already; an ordinary account of that name is an error, since
 * promoting it would hand the platform to whoever registered the name.
 */
export async function createAdminAccount(
  em: EntityManager,
  history: HistoryService,
  admin: AdminCredentials,
  requestId: string,
): Promise<boolean> {
  const { username } = admin;
  const passwordHash = await hash(admin.password, ARGON2);

  return em.transactional(async (tx) => {
    const existing = await tx.findOne(User, { username });
    if (existing?.role === UserRole.ADMIN) return false;
    if (existing) throw new Error(`an ordinary account "${username}" exists: choose another name`);
    const user = tx.create(User, {
      username,
      passwordHash,
      displayName: username,
      role: UserRole.ADMIN,
    });
    history.record(tx, { userId: user.id, requestId }, HistoryAction.USER_REGISTERED, {
      payload: { role: user.role },
    });

    return true;
  });
}
