import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ApplicationAttachment } from '../application/application-attachment.entity';
import { Application } from '../application/application.entity';
import type { RequestContext } from './context';
import { Document } from '../document/document.entity';
import { OrganizationMember } from '../organization/organization-member.entity';
import { Organization } from '../organization/organization.entity';
import { Signature } from '../document/signature.entity';
import { SealPermission } from '../seal/permission/seal-permission.entity';
import { SealCertificate } from '../seal/seal-certificate.entity';
import { Seal } from '../seal/seal.entity';
import { User } from '../user/user.entity';

type EntityClass<T> = new () => T;

/** Batches lookups by id into one query per entity and tick. */
function byId<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>) {
  return new DataLoader<string, T | undefined>(async (ids) => {
    const rows = (await em.find(entity as EntityClass<{ id: string }>, {
      id: { $in: [...ids] },
    })) as T[];
    const found = new Map(rows.map((row) => [row.id, row]));

    return ids.map((id) => found.get(id));
  });
}

/** The loaders of one request, named after what they load. Created per request, never shared. */
export function createLoaders(em: EntityManager) {
  return {
    user: byId(em, User),
    seal: byId(em, Seal),
    document: byId(em, Document),
    certificate: byId(em, SealCertificate),
    organization: byId(em, Organization),
    application: byId(em, Application),
    membershipsOfUser: new DataLoader<string, OrganizationMember[]>(async (userIds) => {
      const rows = await em.find(
        OrganizationMember,
        { user: { $in: [...userIds] } },
        { orderBy: { joinedAt: 'asc', id: 'asc' } },
      );

      return userIds.map((id) => rows.filter((row) => row.user.id === id));
    }),
    membersOfOrganization: new DataLoader<string, OrganizationMember[]>(async (ids) => {
      const rows = await em.find(
        OrganizationMember,
        { organization: { $in: [...ids] } },
        { orderBy: { joinedAt: 'asc', id: 'asc' } },
      );

      return ids.map((id) => rows.filter((row) => row.organization.id === id));
    }),
    sealsOfOrganization: new DataLoader<string, Seal[]>(async (ids) => {
      const rows = await em.find(
        Seal,
        { organization: { $in: [...ids] } },
        { orderBy: { createdAt: 'desc', id: 'desc' } },
      );

      return ids.map((id) => rows.filter((row) => row.organization?.id === id));
    }),
    permission: byId(em, SealPermission),
    permissionsOfSeal: new DataLoader<string, SealPermission[]>(async (sealIds) => {
      const rows = await em.find(
        SealPermission,
        { seal: { $in: [...sealIds] } },
        { orderBy: { createdAt: 'desc', id: 'desc' } },
      );

      return sealIds.map((id) => rows.filter((row) => row.seal.id === id));
    }),
    permissionsOfGrantee: new DataLoader<string, SealPermission[]>(async (userIds) => {
      const rows = await em.find(
        SealPermission,
        { grantee: { $in: [...userIds] } },
        { orderBy: { createdAt: 'desc', id: 'desc' } },
      );

      return userIds.map((id) => rows.filter((row) => row.grantee.id === id));
    }),
    /** One person's grants on one seal, as the access rules weigh them. */
    permissionsHeld: new DataLoader<HeldKey, SealPermission[], string>(
      async (keys) => {
        const rows = await em.find(SealPermission, {
          $or: keys.map((key) => ({ seal: key.sealId, grantee: key.granteeId })),
        });

        return keys.map((key) =>
          rows.filter((row) => row.seal.id === key.sealId && row.grantee.id === key.granteeId),
        );
      },
      { cacheKeyFn: (key) => `${key.sealId}/${key.granteeId}` },
    ),
    certificatesOfSeal: new DataLoader<string, SealCertificate[]>(async (sealIds) => {
      const rows = await em.find(
        SealCertificate,
        { seal: { $in: [...sealIds] } },
        { orderBy: { notBefore: 'desc' } },
      );

      return sealIds.map((id) => rows.filter((row) => row.seal.id === id));
    }),
    attachmentsOfApplication: new DataLoader<string, ApplicationAttachment[]>(async (ids) => {
      const rows = await em.find(
        ApplicationAttachment,
        { application: { $in: [...ids] } },
        { orderBy: { position: 'asc' } },
      );

      return ids.map((id) => rows.filter((row) => row.application.id === id));
    }),
    signaturesOfDocument: new DataLoader<string, Signature[]>(async (documentIds) => {
      const rows = await em.find(
        Signature,
        { document: { $in: [...documentIds] } },
        { orderBy: { revision: 'asc' } },
      );

      return documentIds.map((id) => rows.filter((row) => row.document.id === id));
    }),
  };
}

interface HeldKey {
  sealId: string;
  granteeId: string;
}

export type Loaders = ReturnType<typeof createLoaders>;

/**
 * A subscription's context lives as long as the subscription: before each event it is given a
 * fresh identity map and loaders, so that the event is resolved from the rows as they are now.
 */
export function refreshForEvent(ctx: RequestContext): void {
  ctx.em = ctx.em.fork();
  ctx.loaders = createLoaders(ctx.em);
}
