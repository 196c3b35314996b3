// The CBS channel bound to client certificates (Digikoppeling REST profile), when configured: a CBS
// token without the right certificate is refused before its route's input is validated.
import { X509Certificate, createHash } from 'node:crypto';
import { BlockList, isIP } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppDeps } from '../../../app.ts';
import { problem } from '../../../problem.ts';

/** The configured proxies (addresses and CIDR ranges) as one list to check a peer against. */
function proxyList(entries: string[]): BlockList {
  const list = new BlockList();
  for (const entry of entries) {
    const [address, prefix] = entry.split('/');
    const type = isIP(address!) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address!, type);
    else list.addSubnet(address!, Number(prefix), type);
  }
  return list;
}

/** True when the connection itself (not a forwarded address) comes from a configured proxy. */
function fromTrustedProxy(request: FastifyRequest, proxies: BlockList): boolean {
  const peer = request.raw.socket.remoteAddress?.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  if (!peer) return false;
  return proxies.check(peer, isIP(peer) === 6 ? 'ipv6' : 'ipv4');
}

/** The client certificate's SHA-256 (lowercase hex): from a trusted proxy's header or the TLS socket. */
function clientCertificateFingerprint(
  request: FastifyRequest,
  header: string | undefined,
  proxies: BlockList,
): string | undefined {
  if (header) {
    // The header is the proxy's word for the certificate it checked: believed only on a connection
    // from a configured proxy (GGK_TRUSTED_PROXIES). From anyone else it is a claim anybody can make,
    // since a certificate's fingerprint is no secret.
    if (!fromTrustedProxy(request, proxies)) return undefined;
    const value = request.headers[header];
    if (typeof value !== 'string' || value === '') return undefined;
    const compact = value.replaceAll(':', '').trim().toLowerCase();
    if (/^[0-9a-f]{64}$/.test(compact)) return compact;
    try {
      return new X509Certificate(decodeURIComponent(value)).fingerprint256.replaceAll(':', '').toLowerCase();
    } catch {
      return undefined;
    }
  }
  const socket = request.raw.socket as Partial<TLSSocket>;
  const certificate = socket.getPeerCertificate?.();
  if (!certificate?.raw) return undefined;
  return createHash('sha256').update(certificate.raw).digest('hex');
}

export function requireClientCertificate(app: FastifyInstance, deps: AppDeps): void {
  // Optionally the channel is bound to client certificates (Digikoppeling REST profile).
  const proxies = proxyList(deps.config.trustedProxies);
  app.addHook('preValidation', async (request, reply) => {
    if (request.principal?.kind !== 'cbs' || deps.config.cbs.clientCertSha256.length === 0) return;
    const fingerprint = clientCertificateFingerprint(
      request,
      deps.config.cbs.trustedProxyCertHeader,
      proxies,
    );
    if (!fingerprint || !deps.config.cbs.clientCertSha256.includes(fingerprint)) {
      return problem(request, reply, 'auth.forbidden', { reason: 'certificate_required' });
    }
  });
}
