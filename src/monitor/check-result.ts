// The result of a check: the outcome and, for a failure, its kind and the
// sentence that the incident file and the command's output quote.

/** The kinds of failure. `slow` gives a degraded result, and every other kind a down result. */
export const failureKinds = ['timeout', 'dns', 'refused', 'reset', 'network', 'tls', 'status', 'body', 'slow', 'heartbeat'] as const;
export type FailureKind = (typeof failureKinds)[number];

/** `up` passed, `degraded` responded correctly but too slowly, `down` failed. */
export type Outcome = 'up' | 'degraded' | 'down';

/** The certificate a TLS server presented, for the expiry warning. */
export interface CertificateInfo {
  /** When the certificate stops being valid. */
  validTo: Date;
  /** SHA-256 fingerprint, which distinguishes a certificate from its renewal. */
  fingerprint: string;
}

/** The result of one probe attempt. */
export interface ProbeResult {
  outcome: Outcome;
  /** Absent when the outcome is `up`. */
  kind?: FailureKind;
  /** One plain sentence, such as `HTTP 503 from GET /health`, already escaped for markdown. */
  message: string;
  /** The response time in whole milliseconds, when a response arrived. */
  ms?: number;
  /** True when no response arrived at all: a timeout, refusal, reset, or failed name lookup. */
  networkLevel: boolean;
  certificate?: CertificateInfo;
}

/** The result of one service's check in one run, after retries. */
export interface CheckResult extends ProbeResult {
  service: string;
  /** How many attempts the run made, 1 when the first passed. */
  attempts: number;
}

/** Returns a passing result. */
export function up(message: string, ms?: number, certificate?: CertificateInfo): ProbeResult {
  return { outcome: 'up', message, ms, networkLevel: false, certificate };
}

/** Returns a failing result of `kind`; `slow` gives a degraded result. */
export function failure(kind: FailureKind, message: string, options: { ms?: number; networkLevel?: boolean; certificate?: CertificateInfo } = {}): ProbeResult {
  return {
    outcome: kind === 'slow' ? 'degraded' : 'down',
    kind,
    message,
    ms: options.ms,
    networkLevel: options.networkLevel ?? false,
    certificate: options.certificate,
  };
}
