import type { RequestContext } from '../common/context';
import type { Seal } from './seal.entity';

/**
 * What someone wants to do with a seal. Every lookup of a seal names one, so that the rules of who
 * may do what live here and nowhere else.
 */
export enum SealAction {
  /** See the seal, its image, certificates and usage. */
  VIEW = 'VIEW',
  /** Sign with it (the PIN and any grant are checked when signing). */
  USE = 'USE',
  /** Change it: name, image, PIN, renew, re-key. */
  MANAGE = 'MANAGE',
  /** Grant and revoke the right to use it. */
  GRANT = 'GRANT',
  /** Delete it, irreversibly. */
  DELETE = 'DELETE',
}

/** Whether the signed-in user may do `action` with `seal`. Today: its owner may do everything. */
export function mayActOn(ctx: RequestContext, seal: Seal, action: SealAction): Promise<boolean> {
  void action;

  return Promise.resolve(ctx.actor.userId !== undefined && seal.owner.id === ctx.actor.userId);
}
