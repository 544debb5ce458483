// The TCP probe: the check passes when a connection opens within the timeout.
import { connect, type LookupFunction } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { TcpCheckConfig } from '../../domain/schema/index.ts';
import { failure, up, type ProbeResult } from '../check-result.ts';
import { classifyError, formatMilliseconds, timeoutFailure } from '../classify.ts';

export interface TcpProbeOptions {
  /** The host name lookup; tests replace it so that they never use the system resolver. */
  lookup?: LookupFunction;
}

/** Runs one attempt of a TCP check: opens a connection and closes it again. */
export function probeTcp(check: TcpCheckConfig, options: TcpProbeOptions = {}): Promise<ProbeResult> {
  const address = check.host.includes(':') ? `[${check.host}]:${check.port}` : `${check.host}:${check.port}`;
  const started = performance.now();

  return new Promise((resolve) => {
    const socket = connect({ host: check.host, port: check.port, lookup: options.lookup });
    const timer = setTimeout(() => {
      socket.destroy();
      resolve(timeoutFailure(`connecting to ${address}`, check.timeout));
    }, check.timeout);

    socket.on('error', (error) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(classifyError(error, { address, host: check.host }));
    });
    socket.once('connect', () => {
      clearTimeout(timer);
      const ms = Math.round(performance.now() - started);
      socket.destroy();
      if (check.degraded_after !== undefined && ms > check.degraded_after) {
        resolve(failure('slow', `connecting to ${address} took ${formatMilliseconds(ms)}, over the ${formatMilliseconds(check.degraded_after)} limit`, { ms }));
      } else {
        resolve(up(`connected to ${address}`, ms));
      }
    });
  });
}
