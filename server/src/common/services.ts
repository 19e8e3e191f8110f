import type { AgreementService } from '../agreement/agreement.service';
import type { DocumentService } from '../document/document.service';
import type { SigningService } from '../document/signing.service';
import type { ExportService } from '../export/export.service';
import type { HistoryService } from '../history/history.service';
import type { OrganizationService } from '../organization/organization.service';
import type { CertificateAuthorityService } from '../pki/certificate-authority.service';
import type { TimestampingService } from '../pki/timestamping.service';
import type { SealExportService } from '../seal/seal-export.service';
import type { SealImportService } from '../seal/seal-import.service';
import type { SealLifecycleService } from '../seal/seal-lifecycle.service';
import type { SealPermissionService } from '../seal/permission/seal-permission.service';
import type { SealPinService } from '../seal/seal-pin.service';
import type { SealUsageService } from '../seal/seal-usage.service';
import type { SealService } from '../seal/seal.service';
import type { TrustAnchorService } from '../trust/trust-anchor.service';
import type { UserService } from '../user/user.service';
import type { VerificationService } from '../verification/verification.service';
import type { AccessTokens } from './access-token';
import type { EventBus } from './pubsub';

/** The application's services, built once at start and shared by all requests. */
export interface Services {
  tokens: AccessTokens;
  history: HistoryService;
  ca: CertificateAuthorityService;
  timestamps: TimestampingService;
  users: UserService;
  agreements: AgreementService;
  organizations: OrganizationService;
  sealPins: SealPinService;
  seals: SealService;
  sealLifecycle: SealLifecycleService;
  sealImport: SealImportService;
  sealUsage: SealUsageService;
  sealExport: SealExportService;
  sealPermissions: SealPermissionService;
  exports: ExportService;
  documents: DocumentService;
  signing: SigningService;
  trustAnchors: TrustAnchorService;
  verification: VerificationService;
  events: EventBus;
}
