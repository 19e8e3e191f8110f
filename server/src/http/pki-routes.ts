import { Router } from 'express';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Services } from '../common/services';
import { ocspHandler } from '../pki/ocsp/ocsp-route';
import { tsaHandler } from '../pki/tsa/tsa-route';

/**
 * The platform CA's public face, for anyone validating our signatures: its certificates, the
 * CRL of the issuing CA (named in every certificate's CRL distribution point when PUBLIC_URL is
 * set), its OCSP responder (RFC 6960, POST and GET) and the RFC 3161 time-stamping service.
 */
export function pkiRoutes(orm: MikroORM, services: Services): Router {
  const router = Router();
  const { ca, seals, timestamps } = services;
  router.get('/pki/ca.pem', (_req, res) => {
    res.type('application/x-pem-file').send(ca.pem);
  });
  router.get('/pki/ca.crt', (_req, res) => {
    res.type('application/pkix-cert').send(ca.chain[ca.chain.length - 1]);
  });
  router.get('/pki/issuing-ca.crt', (_req, res) => {
    res.type('application/pkix-cert').send(ca.issuingCertificate);
  });
  router.get('/pki/root.crl', (_req, res, next) => {
    ca.refreshAuthorityCrl(orm.em.fork())
      .then(() => res.type('application/pkix-crl').send(ca.authorityCrl))
      .catch(next);
  });
  router.get('/pki/crl', (_req, res, next) => {
    seals
      .revokedCertificates(orm.em.fork())
      .then((revoked) => res.type('application/pkix-crl').send(ca.currentCrl(revoked)))
      .catch(next);
  });
  router.use(
    '/pki/ocsp',
    ocspHandler(ca.ocspResponder(), (serial) => seals.certificateStatus(orm.em.fork(), serial)),
  );
  const authority = timestamps.platformAuthority;
  if (authority) router.post('/tsa', tsaHandler(authority));

  return router;
}
