import { ApplicationAttachment } from '../application/application-attachment.entity';
import { Application } from '../application/application.entity';
import { AgreementAcceptance } from '../agreement/agreement-acceptance.entity';
import { Agreement } from '../agreement/agreement.entity';
import { Document } from '../document/document.entity';
import { DocumentRevision } from '../document/document-revision.entity';
import { Signature } from '../document/signature.entity';
import { Export } from '../export/export.entity';
import { HistoryEvent } from '../history/history-event.entity';
import { OrganizationMember } from '../organization/organization-member.entity';
import { Organization } from '../organization/organization.entity';
import { CertificateAuthority } from '../pki/certificate-authority.entity';
import { WrappedKey } from '../pki/wrapped-key.entity';
import { RefreshToken } from '../session/refresh-token.entity';
import { SealPermission } from '../seal/permission/seal-permission.entity';
import { SealCertificate } from '../seal/seal-certificate.entity';
import { Seal } from '../seal/seal.entity';
import { TrustAnchor } from '../trust/trust-anchor.entity';
import { User } from '../user/user.entity';
import { VerificationCode } from '../verification-code/verification-code.entity';

/** Every entity, listed once so that the ORM and migrations see the same model. */
export const entities = [
  User,
  Organization,
  OrganizationMember,
  RefreshToken,
  VerificationCode,
  Agreement,
  AgreementAcceptance,
  WrappedKey,
  CertificateAuthority,
  Seal,
  SealCertificate,
  SealPermission,
  Document,
  DocumentRevision,
  Signature,
  HistoryEvent,
  Export,
  TrustAnchor,
  Application,
  ApplicationAttachment,
];
