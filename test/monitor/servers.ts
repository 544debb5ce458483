// Real servers on 127.0.0.1 for the monitor's tests, each on a port that the
// operating system picks. Nothing here contacts another host.
import { createServer as createHttpServer, type IncomingMessage, type RequestListener, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo, type Server as TcpServer } from 'node:net';
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { decode, encode, type Answer, type DecodedPacket } from 'dns-packet';
import { generate } from 'selfsigned';

/** A server that the test must close. */
export interface RunningServer {
  port: number;
  /** `http://127.0.0.1:<port>` or `https://…`. */
  origin: string;
  close(): Promise<void>;
}

/** Starts an HTTP server on 127.0.0.1. */
export async function startHttpServer(handler: RequestListener): Promise<RunningServer> {
  const server = createHttpServer(handler);
  return listen(server, 'http');
}

/** Starts an HTTPS server on 127.0.0.1 with the given certificate and key. */
export async function startHttpsServer(credentials: { cert: string; key: string }, handler: RequestListener): Promise<RunningServer> {
  const server = createHttpsServer(credentials, handler);
  return listen(server, 'https');
}

async function listen(server: Server, scheme: string): Promise<RunningServer> {
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // HTTPS servers report failed handshakes here; the probe closing the socket is expected.
  server.on('tlsClientError', () => {});
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    origin: `${scheme}://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** Starts a TCP server on 127.0.0.1 that accepts connections and closes them. */
export async function startTcpServer(): Promise<RunningServer> {
  const server: TcpServer = createTcpServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { port, origin: `tcp://127.0.0.1:${port}`, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Returns a port on 127.0.0.1 that nothing listens on: the OS picked it for a server that is closed again. */
export async function closedPort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Returns a UDP port on 127.0.0.1 that nothing listens on. */
export async function closedUdpPort(): Promise<number> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  await new Promise<void>((resolve) => socket.close(() => resolve()));
  return port;
}

/** How the test DNS server answers one question: records, an error code, or silence. */
export type DnsReply = { answers: Answer[] } | { rcode: 'NXDOMAIN' | 'SERVFAIL' | 'REFUSED' } | 'silent';

/** Starts a DNS server on 127.0.0.1 over UDP, where `reply` decides the answer to each question. */
export async function startDnsServer(reply: (name: string, type: string) => DnsReply): Promise<RunningServer & { queries: number }> {
  const socket: UdpSocket = createSocket('udp4');
  const state = { queries: 0 };
  socket.on('message', (message, remote) => {
    let query: DecodedPacket;
    try {
      query = decode(message);
    } catch {
      return;
    }
    state.queries++;
    const question = query.questions?.[0];
    if (!question) return;
    const answer = reply(question.name, question.type);
    if (answer === 'silent') return;

    const rcodes = { NXDOMAIN: 3, SERVFAIL: 2, REFUSED: 5 } as const;
    const rcode = 'rcode' in answer ? rcodes[answer.rcode] : 0;
    const response = encode({
      type: 'response',
      id: query.id,
      // The low four bits of the flags are the response code.
      flags: (query.flags ?? 0) | rcode,
      questions: [question],
      answers: 'answers' in answer ? answer.answers : [],
    });
    socket.send(response, remote.port, remote.address);
  });
  await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const port = socket.address().port;
  return {
    port,
    origin: `127.0.0.1:${port}`,
    get queries() {
      return state.queries;
    },
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

/** A certificate and its private key, as PEM text. */
export interface Credentials {
  cert: string;
  key: string;
}

/** Generates a certificate authority for the test's server certificates. */
export async function generateAuthority(): Promise<Credentials> {
  const pems = await generate([{ name: 'commonName', value: 'Sitrep Test CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/**
 * Generates a server certificate for `names` (`IP:127.0.0.1` or `DNS:host`),
 * signed by `authority`, or self-signed without one.
 */
export async function generateServerCertificate(options: {
  names: string[];
  authority?: Credentials;
  notBefore?: Date;
  notAfter?: Date;
}): Promise<Credentials> {
  const altNames = options.names.map((name) =>
    name.startsWith('IP:') ? { type: 7 as const, ip: name.slice(3) } : { type: 2 as const, value: name.replace(/^DNS:/, '') },
  );
  const pems = await generate([{ name: 'commonName', value: options.names[0]!.replace(/^(IP|DNS):/, '') }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate: options.notBefore,
    notAfterDate: options.notAfter,
    ca: options.authority,
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { cert: pems.cert, key: pems.private };
}

/** Reads a request's whole body as text. */
export async function readRequestBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Sends `body` with `status` after `delayMs`, unless the client has gone. */
export function respondLater(response: ServerResponse, delayMs: number, status: number, body: string): void {
  const timer = setTimeout(() => {
    if (!response.destroyed) response.writeHead(status, { 'content-type': 'text/plain' }).end(body);
  }, delayMs);
  response.on('close', () => clearTimeout(timer));
}
