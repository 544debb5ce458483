// Certificate checks for HTTPS probes. The probe connects with
// `rejectUnauthorized: false` and calls verifyPeer before it sends a byte, so
// it can report why a certificate fails (expired, wrong host name, untrusted)
// and never sends headers to a server that failed the check.
import { checkServerIdentity, rootCertificates, type PeerCertificate, type TLSSocket } from 'node:tls';
import { failure, type CertificateInfo, type ProbeResult } from '../check-result.ts';
import { escapeRemoteText, formatUtcDate } from '../classify.ts';

export type TlsVerdict = { ok: true; certificate: CertificateInfo } | { ok: false; result: ProbeResult };

// OpenSSL's verification codes, as Node.js reports them in `authorizationError`.
const UNTRUSTED_REASONS: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'it is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'its chain ends in a self-signed certificate that is not trusted',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'its issuer is unknown',
  UNABLE_TO_GET_ISSUER_CERT: 'its issuer is unknown',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'its issuer is unknown',
  CERT_UNTRUSTED: 'it is not trusted for this purpose',
  CERT_REVOKED: 'it was revoked',
  CERT_SIGNATURE_FAILURE: 'its signature is invalid',
};

/**
 * Checks the certificate of a connected TLS socket against the trusted
 * authorities and `hostname`. Expiry is reported before trust, and trust
 * before the host name, so the message names the first thing to fix.
 */
export function verifyPeer(socket: TLSSocket, hostname: string): TlsVerdict {
  const peer = socket.getPeerCertificate(false);
  if (!peer || Object.keys(peer).length === 0) {
    return { ok: false, result: failure('tls', 'the server presented no certificate') };
  }

  const certificate: CertificateInfo = { validTo: new Date(peer.valid_to), fingerprint: peer.fingerprint256 };
  const options = { certificate };
  const code = socket.authorizationError ? String(socket.authorizationError) : '';

  if (code === 'CERT_HAS_EXPIRED') {
    return { ok: false, result: failure('tls', `certificate expired on ${formatUtcDate(certificate.validTo)}`, options) };
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return { ok: false, result: failure('tls', `certificate is not valid until ${formatUtcDate(new Date(peer.valid_from))}`, options) };
  }
  // Node.js checks the host name itself during the handshake when the
  // chain is trusted, and reports a mismatch with this code.
  if (code !== '' && code !== 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const reason = UNTRUSTED_REASONS[code] ?? `verification failed with ${code}`;
    return { ok: false, result: failure('tls', `certificate is not trusted: ${reason}`, options) };
  }

  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || checkServerIdentity(hostname, peer)) {
    return { ok: false, result: failure('tls', `certificate is not valid for ${hostname}: it names ${describeNames(peer)}`, options) };
  }
  return { ok: true, certificate };
}

/** Returns the authorities to trust: Node's bundled list plus `extra`, a PEM text. */
export function trustedAuthorities(extra: string | undefined): string[] | undefined {
  return extra === undefined ? undefined : [...rootCertificates, extra];
}

// The names a certificate covers, from its subject alternative names or else its common name.
function describeNames(peer: PeerCertificate): string {
  const names = (peer.subjectaltname ?? '')
    .split(',')
    .map((entry) => entry.trim().replace(/^(DNS|IP Address):/, ''))
    .filter((entry) => entry !== '');
  const commonName = typeof peer.subject?.CN === 'string' ? peer.subject.CN : undefined;
  let list = names;
  if (list.length === 0 && commonName) list = [commonName];
  if (list.length === 0) return 'no host';
  const shown = list.slice(0, 3).join(', ') + (list.length > 3 ? ` and ${list.length - 3} more` : '');
  return escapeRemoteText(shown);
}
