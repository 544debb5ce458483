// The DNS probe. It sends one query over UDP straight to the configured
// resolver with dns-packet, and never uses the system resolver, so the
// result does not depend on the runner's own DNS settings.
import { createSocket } from 'node:dgram';
import { isIP } from 'node:net';
import { performance } from 'node:perf_hooks';
import { randomInt } from 'node:crypto';
import { decode, encode, RECURSION_DESIRED, type Answer, type DecodedPacket } from 'dns-packet';
import type { DnsCheckConfig } from '../../domain/schema/index.ts';
import { failure, up, type ProbeResult } from '../check-result.ts';
import { errorCode, escapeRemoteText, formatMilliseconds, timeoutFailure } from '../classify.ts';

/** Runs one attempt of a DNS check: one query, one answer. */
export function probeDns(check: DnsCheckConfig): Promise<ProbeResult> {
  const { host, port } = check.resolver;
  const resolver = isIP(host) === 6 ? `[${host}]:${port}` : `${host}:${port}`;
  const question = `${escapeRemoteText(check.name)} ${check.record}`;
  const id = randomInt(0, 65_536);
  const query = encode({ type: 'query', id, flags: RECURSION_DESIRED, questions: [{ type: check.record, name: check.name }] });
  const started = performance.now();

  return new Promise((resolve) => {
    const socket = createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
    const finish = (result: ProbeResult) => {
      clearTimeout(timer);
      socket.close();
      resolve(result);
    };
    const timer = setTimeout(() => finish(timeoutFailure(`the query for ${question} to resolver ${resolver}`, check.timeout)), check.timeout);

    socket.on('error', (error) => {
      const code = errorCode(error) || 'unknown error';
      finish(failure('dns', `resolver ${resolver} did not take the query for ${question} (${code})`, { networkLevel: true }));
    });
    socket.on('message', (message: Buffer) => {
      let packet: DecodedPacket;
      try {
        packet = decode(message);
      } catch {
        return; // Not a DNS message; keep waiting for the answer until the timeout.
      }
      if (packet.id !== id || packet.type !== 'response') return;
      finish(judgeAnswer(check, packet, question, resolver, Math.round(performance.now() - started)));
    });
    // A connected socket reports an ICMP "port unreachable" as ECONNREFUSED.
    socket.connect(port, host, () => socket.send(query));
  });
}

function judgeAnswer(check: DnsCheckConfig, packet: DecodedPacket, question: string, resolver: string, ms: number): ProbeResult {
  const rcode = (packet as DecodedPacket & { rcode?: string }).rcode ?? 'NOERROR';
  if (rcode === 'NXDOMAIN') return failure('dns', `DNS name ${escapeRemoteText(check.name)} not found (NXDOMAIN from resolver ${resolver})`, { ms });
  if (rcode !== 'NOERROR') return failure('dns', `resolver ${resolver} answered ${rcode} for ${question}`, { ms });

  const values = (packet.answers ?? []).filter((answer) => answer.type === check.record).map(answerText);
  if (values.length === 0) return failure('dns', `resolver ${resolver} has no ${check.record} record for ${escapeRemoteText(check.name)}`, { ms });

  if (check.expected !== undefined) {
    const expected = normalise(check.record, check.expected);
    if (!values.some((value) => normalise(check.record, value) === expected)) {
      const shown = values.slice(0, 3).map((value) => `"${escapeRemoteText(value, 60)}"`).join(', ') + (values.length > 3 ? ` and ${values.length - 3} more` : '');
      return failure('dns', `${question} is ${shown}, expected "${escapeRemoteText(check.expected)}"`, { ms });
    }
  }

  if (check.degraded_after !== undefined && ms > check.degraded_after) {
    return failure('slow', `the query for ${question} took ${formatMilliseconds(ms)}, over the ${formatMilliseconds(check.degraded_after)} limit`, { ms });
  }
  return up(`${question} is "${escapeRemoteText(values[0]!, 60)}"`, ms);
}

// A TXT record's data is a list of character strings; they form one text.
function answerText(answer: Answer): string {
  const data = (answer as { data?: unknown }).data;
  if (Array.isArray(data)) return data.map((part) => (Buffer.isBuffer(part) ? part.toString('utf8') : String(part))).join('');
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  return String(data);
}

// Compares names without case or a final dot, and IPv6 addresses in their shortest form.
function normalise(record: DnsCheckConfig['record'], value: string): string {
  const trimmed = value.trim();
  if (record === 'CNAME') return trimmed.toLowerCase().replace(/\.$/, '');
  if (record === 'AAAA' && isIP(trimmed) === 6) return new URL(`http://[${trimmed}]/`).hostname;
  return trimmed;
}
