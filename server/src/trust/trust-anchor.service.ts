import type { EntityManager } from '@mikro-orm/postgresql';
import { type RequestContext, requireUser } from '../common/context';
import { badInput, notFound } from '../common/errors';
import { isUuid } from '../common/ids';
import { requireText } from '../common/text';
import { HistoryAction } from '../history/history-action.enum';
import type { HistoryService } from '../history/history.service';
import { describeCertificate } from '../pki/x509';
import { SealCertificate } from '../seal/seal-certificate.entity';
import { Seal } from '../seal/seal.entity';
import { TrustAnchor } from './trust-anchor.entity';
import type { RemoveTrustAnchorInput, TrustImportedCaInput } from './trust-imported-ca.input';

/**
 * The certificate authorities verification trusts besides the platform's own. An imported seal
 * signs with its own chain, which verification reports as reaching no trust anchor until an
 * administrator decides that its CA is one the platform should vouch for.
 */
export class TrustAnchorService {
  constructor(private readonly history: HistoryService) {}

  findMany(em: EntityManager): Promise<TrustAnchor[]> {
    return em.find(TrustAnchor, {}, { orderBy: { addedAt: 'asc' } });
  }

  /** DER of every added anchor, for verification. */
  async certificates(em: EntityManager): Promise<Buffer[]> {
    return (await em.find(TrustAnchor, {}, { fields: ['der'] })).map((anchor) => anchor.der);
  }

  /** Trusts the top of an imported seal's chain; trusting it again returns the same anchor. */
  async trustImportedCa(ctx: RequestContext, input: TrustImportedCaInput): Promise<TrustAnchor> {
    const adminId = requireUser(ctx);
    const note = input.note ? requireText('note', input.note, 1, 500) : null;
    const der = await this.topOfImportedChain(ctx.em, input.sealId);
    const facts = describeCertificate(der);

    return ctx.em.transactional(async (em) => {
      const existing = await em.findOne(TrustAnchor, {
        fingerprintSha256: facts.fingerprintSha256,
      });
      if (existing) return existing;
      const anchor = em.create(TrustAnchor, {
        der,
        subject: facts.subject,
        fingerprintSha256: facts.fingerprintSha256,
        notAfter: facts.notAfter,
        note,
        addedBy: adminId,
      });
      this.history.record(em, ctx.actor, HistoryAction.TRUST_ANCHOR_ADDED, {
        sealId: input.sealId,
        payload: { anchorId: anchor.id, subject: facts.subject, sha256: facts.fingerprintSha256 },
      });

      return anchor;
    });
  }

  async remove(ctx: RequestContext, input: RemoveTrustAnchorInput): Promise<TrustAnchor> {
    return ctx.em.transactional(async (em) => {
      const anchor = isUuid(input.id) ? await em.findOne(TrustAnchor, input.id) : null;
      if (!anchor) throw notFound('TrustAnchor', input.id);
      const removed = Object.assign(new TrustAnchor(), anchor);
      em.remove(anchor);
      this.history.record(em, ctx.actor, HistoryAction.TRUST_ANCHOR_REMOVED, {
        payload: { anchorId: anchor.id, subject: anchor.subject },
      });

      return removed;
    });
  }

  /** The last certificate of the chain imported with the seal's current certificate. */
  private async topOfImportedChain(em: EntityManager, sealId: string): Promise<Buffer> {
    const seal = isUuid(sealId) ? await em.findOne(Seal, sealId) : null;
    if (!seal?.certificate) throw notFound('Seal', sealId);
    const certificate = await em.findOneOrFail(SealCertificate, seal.certificate.id);
    const chain = certificate.importedChain ?? [];
    if (chain.length === 0) {
      throw badInput(
        'sealId',
        'expected an imported seal with its CA chain, got one the platform CA issued or one imported without its chain',
      );
    }

    return Buffer.from(chain[chain.length - 1], 'base64');
  }
}
