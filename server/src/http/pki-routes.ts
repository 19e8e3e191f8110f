import { Router } from 'express';
import type { CertificateAuthorityService } from '../pki/certificate-authority.service';

/** The platform CA's public certificates, for anyone validating our signatures. */
export function pkiRoutes(ca: CertificateAuthorityService): Router {
  const router = Router();
  router.get('/pki/ca.pem', (_req, res) => {
    res.type('application/x-pem-file').send(ca.pem);
  });

  return router;
}
