import { buildSchema } from 'type-graphql';
import type { GraphQLSchema } from 'graphql';
import { AgreementResolver } from '../agreement/agreement.resolver';
import { ApplicationAttachmentResolver } from '../application/application-attachment.resolver';
import { ApplicationEventResolver } from '../application/application-event.resolver';
import { ApplicationResolver } from '../application/application.resolver';
import { DocumentResolver } from '../document/document.resolver';
import { SignatureResolver } from '../document/signature.resolver';
import { SigningEventResolver } from '../document/signing-event.resolver';
import { ExportResolver } from '../export/export.resolver';
import { HistoryResolver } from '../history/history.resolver';
import { OrganizationMemberResolver } from '../organization/organization-member.resolver';
import { OrganizationResolver } from '../organization/organization.resolver';
import { UserMembershipsResolver } from '../organization/user-memberships.resolver';
import { SealEventResolver } from '../seal/events/seal-event.resolver';
import { SealPermissionResolver } from '../seal/permission/seal-permission.resolver';
import { SealPermissionsResolver } from '../seal/permission/seal-permissions.resolver';
import { UserGrantsResolver } from '../seal/permission/user-grants.resolver';
import { SealResolver } from '../seal/seal.resolver';
import { SessionResolver } from '../session/session.resolver';
import { TrustAnchorResolver } from '../trust/trust-anchor.resolver';
import { UserResolver } from '../user/user.resolver';
import { VerificationResolver } from '../verification/verification.resolver';
import { VerificationCodeResolver } from '../verification-code/verification-code.resolver';
import { authChecker } from './auth-checker';
import { createEventBus } from './pubsub';

export const resolvers = [
  UserResolver,
  SessionResolver,
  VerificationCodeResolver,
  AgreementResolver,
  OrganizationResolver,
  OrganizationMemberResolver,
  UserMembershipsResolver,
  SealResolver,
  SealPermissionResolver,
  SealPermissionsResolver,
  UserGrantsResolver,
  SealEventResolver,
  DocumentResolver,
  SignatureResolver,
  SigningEventResolver,
  VerificationResolver,
  ExportResolver,
  TrustAnchorResolver,
  HistoryResolver,
  ApplicationResolver,
  ApplicationAttachmentResolver,
  ApplicationEventResolver,
] as const;

/** The GraphQL schema, built from the resolvers; `npm run schema` writes it to schema/. */
export function createSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers,
    authChecker,
    // Subscriptions subscribe through the event bus in the context; this one only satisfies the builder.
    pubSub: createEventBus().bus,
    validate: false,
  });
}
