import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import type { Logger } from '../../common/logger';
import type { EventBus } from '../../common/pubsub';
import { publishSealEvent } from './seal-events';
import { SealEventType } from './seal-event.type';

const DAY_MS = 86_400_000;

/** How often to look, and how early a seal's expiry is announced. */
export interface SealEventSchedule {
  intervalSeconds: number;
  expiryWarningDays: number;
}

/** One claimed announcement: the row's id and its seal. */
interface Claimed {
  id: string;
  seal_id: string;
}

/**
 * Announces what time alone brings about: grants starting and lapsing, seals entering their
 * expiry window and expiring. Each tick claims the moments that have passed with one
 * `UPDATE … WHERE announced_… IS NULL RETURNING`: the row lock makes exactly one process the
 * claimant even when several share the database, and a tick missed while no server ran is made
 * up by the next. Events are published after the claim commits; a process that dies in between
 * loses them (at most once, never twice).
 */
export class SealEventScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly orm: MikroORM,
    private readonly events: EventBus,
    private readonly schedule: SealEventSchedule,
    private readonly logger: Logger,
  ) {}

  start(): void {
    this.timer = setInterval(() => this.tickOnce(), this.schedule.intervalSeconds * 1000);
    this.timer.unref();
  }

  /** Stops ticking and waits for a tick in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  /** One look at the clock; a tick still running (a slow database) is not overlapped. */
  private tickOnce(): void {
    if (this.running) return;
    this.running = this.tick()
      .catch((error: unknown) => this.logger.error({ err: error }, 'seal event tick failed'))
      .finally(() => {
        this.running = undefined;
      });
  }

  private async tick(): Promise<void> {
    const em = this.orm.em.fork();
    const now = new Date();
    const announce = (type: SealEventType, rows: Claimed[], permission: boolean) => {
      for (const row of rows) {
        const subject = permission ? { permissionId: row.id } : {};
        publishSealEvent(this.events, type, row.seal_id, { ...subject, at: now });
      }
    };
    announce(SealEventType.PERMISSION_STARTED, await claimStarts(em, now), true);
    announce(SealEventType.PERMISSION_LAPSED, await claimEnds(em, now), true);
    const warnUntil = new Date(now.getTime() + this.schedule.expiryWarningDays * DAY_MS);
    announce(SealEventType.SEAL_EXPIRING, await claimExpiring(em, now, warnUntil), false);
    announce(SealEventType.SEAL_EXPIRED, await claimExpired(em, now), false);
  }
}

/** Grants whose validFrom has passed and whose start nobody announced yet. */
function claimStarts(em: EntityManager, now: Date): Promise<Claimed[]> {
  return em.getConnection().execute<Claimed[]>(
    `update seal_permission set announced_start_at = ?
       where announced_start_at is null and revoked_at is null and valid_from <= ?
       returning id, seal_id`,
    [now, now],
  );
}

/** Grants whose validTo has passed, once their start was announced (so the order holds). */
function claimEnds(em: EntityManager, now: Date): Promise<Claimed[]> {
  return em.getConnection().execute<Claimed[]>(
    `update seal_permission set announced_end_at = ?
       where announced_end_at is null and announced_start_at is not null
         and revoked_at is null and valid_to < ?
       returning id, seal_id`,
    [now, now],
  );
}

/** Seals whose validity now ends within the warning window (as `Seal.statusAt` has it). */
function claimExpiring(em: EntityManager, now: Date, warnUntil: Date): Promise<Claimed[]> {
  return em.getConnection().execute<Claimed[]>(
    `update seal set expiring_announced_at = ?
       where expiring_announced_at is null and revoked_at is null
         and valid_to >= ? and valid_to <= ?
       returning id, id as seal_id`,
    [now, now, warnUntil],
  );
}

/** Seals whose validity has ended; one that ended unwarned is not warned after the fact. */
function claimExpired(em: EntityManager, now: Date): Promise<Claimed[]> {
  return em.getConnection().execute<Claimed[]>(
    `update seal set expired_announced_at = ?, expiring_announced_at = coalesce(expiring_announced_at, ?)
       where expired_announced_at is null and revoked_at is null and valid_to < ?
       returning id, id as seal_id`,
    [now, now, now],
  );
}
