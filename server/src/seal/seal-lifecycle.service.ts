import { X509Certificate } from 'node:crypto';
import { LockMode, ref } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Actor, RequestContext } from '../common/context';
import { badInput, sealRevoked } from '../common/errors';
import type { EventBus } from '../common/pubsub';
import { HistoryAction } from '../history/history-action.enum';
import type { ApplicationOrigin } from '../history/history-payloads';
import type { HistoryService } from '../history/history.service';
import type { CertificateAuthorityService } from '../pki/certificate-authority.service';
import type { RevocationReason } from '../pki/crl';
import { generateKeys, type KeyPair } from '../pki/key-pairs';
import { WrappedKey } from '../pki/wrapped-key.entity';
import type { DeleteSealInput } from './delete-seal.input';
import type { RekeySealInput } from './rekey-seal.input';
import type { RenewSealInput } from './renew-seal.input';
import { SealCertificate } from './seal-certificate.entity';
import { Seal } from './seal.entity';
import { checkValidDays, issueSealCertificate, revocationTime } from './seal-certificates';
import type { SealService } from './seal.service';
import { SealAction } from './seal-access';
import { SealEventType } from './events/seal-event.type';
import { revokeLiveGrants } from './permission/revoke-grants';
import { publishSealEvent } from './events/seal-events';

/**
 * The later life of a seal: renewal (a new certificate for the same key), re-keying (a new key
 * and certificate; the old certificate revoked as superseded, the old key destroyed) and deletion
 * (every certificate revoked, the key destroyed). Old certificates stay, so every signature made
 * before still verifies, with the later status of its certificate reported.
 */
export class SealLifecycleService {
  constructor(
    private readonly seals: SealService,
    private readonly ca: CertificateAuthorityService,
    private readonly history: HistoryService,
    private readonly events: EventBus,
  ) {}

  async renew(ctx: RequestContext, input: RenewSealInput): Promise<Seal> {
    const days = checkValidDays(input.validDays);
    await this.seals.findOneOrFail(ctx, input.id, SealAction.MANAGE);

    const renewed = await ctx.em.transactional((em) =>
      this.renewChecked(em, ctx.actor, input.id, days),
    );

    return this.announce(SealEventType.SEAL_RENEWED, renewed, ctx.actor);
  }

  /** renewSeal's refusals of a seal, with nothing changed: deleted, or imported. */
  async checkRenewable(em: EntityManager, seal: Seal): Promise<void> {
    if (seal.revokedAt) throw sealRevoked(seal.name);
    await this.refuseImported(em, seal);
  }

  /** Renews in the caller's transaction, for an actor whose right was checked before. */
  async renewChecked(
    em: EntityManager,
    actor: Actor,
    id: string,
    days: number,
    origin: ApplicationOrigin = {},
  ): Promise<Seal> {
    const seal = await this.lockUsable(em, id);
    await this.refuseImported(em, seal);
    const certificate = await em.findOneOrFail(SealCertificate, seal.certificate!.id);
    const publicKey = certificatePublicKey(certificate);
    const issued = issueSealCertificate(em, this.ca, seal, publicKey, days);
    this.history.record(em, actor, HistoryAction.SEAL_RENEWED, {
      sealId: seal.id,
      payload: {
        serialNumber: issued.serialNumber,
        validTo: issued.notAfter.toISOString(),
        ...origin,
      },
    });

    return seal;
  }

  async rekey(ctx: RequestContext, input: RekeySealInput): Promise<Seal> {
    const days = checkValidDays(input.validDays);
    await this.seals.findOneOrFail(ctx, input.id, SealAction.MANAGE);
    const seal0 = await ctx.em.findOneOrFail(Seal, input.id);
    const algorithm = input.keyAlgorithm ?? seal0.keyAlgorithm;
    const keys: KeyPair = await generateKeys(algorithm);

    const rekeyed = await ctx.em.transactional(async (em) => {
      const seal = await this.lockUsable(em, input.id);
      await this.refuseImported(em, seal);
      const now = revocationTime();
      await this.revokeCertificates(em, seal, 'superseded', now);
      await this.destroyKey(em, seal.key.id, now);
      seal.key = ref(this.ca.storeKey(em, keys.privateKey, algorithm));
      seal.keyAlgorithm = algorithm;
      const issued = issueSealCertificate(em, this.ca, seal, keys.publicKey, days);
      this.history.record(em, ctx.actor, HistoryAction.SEAL_REKEYED, {
        sealId: seal.id,
        payload: { keyAlgorithm: algorithm, serialNumber: issued.serialNumber },
      });

      return seal;
    });

    return this.announce(SealEventType.SEAL_RENEWED, rekeyed, ctx.actor);
  }

  async delete(ctx: RequestContext, input: DeleteSealInput): Promise<Seal> {
    const found = await this.seals.findOneOrFail(ctx, input.id, SealAction.DELETE);
    if (input.confirmName.trim() !== found.name) {
      throw badInput('confirmName', `expected the seal's name "${found.name}"`);
    }

    const deleted = await ctx.em.transactional((em) => this.deleteChecked(em, ctx.actor, input.id));

    return this.announce(SealEventType.SEAL_REVOKED, deleted, ctx.actor);
  }

  /** Deletes in the caller's transaction, for an actor whose right was checked before. */
  async deleteChecked(
    em: EntityManager,
    actor: Actor,
    id: string,
    origin: ApplicationOrigin = {},
  ): Promise<Seal> {
    const seal = await this.lockUsable(em, id);
    const now = revocationTime();
    await this.revokeCertificates(em, seal, 'cessationOfOperation', now);
    await this.destroyKey(em, seal.key.id, now);
    seal.revokedAt = now;
    // A deleted seal never expires: nothing is left for the scheduler to announce.
    seal.expiringAnnouncedAt ??= now;
    seal.expiredAnnouncedAt ??= now;
    await revokeLiveGrants(em, this.history, actor, { seal: seal.id }, 'the seal was deleted');
    this.history.record(em, actor, HistoryAction.SEAL_DELETED, {
      sealId: seal.id,
      payload: origin,
    });

    return seal;
  }

  /** Tells the seal's watchers of a change, once it has committed. */
  announce(type: SealEventType, seal: Seal, actor: Actor): Seal {
    publishSealEvent(this.events, type, seal.id, { actorId: actor.userId });

    return seal;
  }

  /** The seal row locked for the change, refused once deleted. */
  private async lockUsable(em: EntityManager, id: string): Promise<Seal> {
    const seal = await em.findOneOrFail(Seal, id, { lockMode: LockMode.PESSIMISTIC_WRITE });
    if (seal.revokedAt) throw sealRevoked(seal.name);

    return seal;
  }

  /** Imported certificates come from another CA: that CA renews them, not ours. */
  private async refuseImported(em: EntityManager, seal: Seal): Promise<void> {
    const certificate = await em.findOneOrFail(SealCertificate, seal.certificate!.id);
    if (certificate.importedChain) {
      throw badInput('id', 'an imported seal is renewed by its own CA: import the new certificate');
    }
  }

  private async revokeCertificates(
    em: EntityManager,
    seal: Seal,
    reason: RevocationReason,
    now: Date,
  ): Promise<void> {
    const live = await em.find(SealCertificate, { seal, revokedAt: null });
    for (const certificate of live) {
      certificate.revokedAt = now;
      certificate.revocationReason = reason;
    }
  }

  /** Erases both layers of the wrapped key: no backup of the database can bring it back. */
  private async destroyKey(em: EntityManager, keyId: string, now: Date): Promise<void> {
    const key = await em.findOneOrFail(WrappedKey, keyId, {
      populate: ['wrappedDataKey', 'encryptedKey'],
    });
    key.wrappedDataKey = null;
    key.encryptedKey = null;
    key.destroyedAt = now;
    this.ca.forgetKey(keyId);
  }
}

function certificatePublicKey(certificate: SealCertificate) {
  return new X509Certificate(certificate.der).publicKey;
}
