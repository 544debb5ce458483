// Measures one `sitrep check` run against many HTTP endpoints, to show that
// the run takes about as long as its slowest check rather than the sum.
//
//   npx tsx bench/monitor.ts [--endpoints 500] [--slow 10] [--slow-ms 1500] [--runs 3]
//
// A worker thread serves every endpoint from one HTTP server on 127.0.0.1.
// Most endpoints respond after 5 to 50 ms, and `--slow` of them, spread over
// the list, respond after `--slow-ms`. A generated site in .sitrep/bench/ gives
// each endpoint its own service, and the script runs the whole monitor
// (content loading, checks, lifecycle, state file) with the default
// concurrency of 20 and with one slot per endpoint. It prints the median run
// time of `--runs` runs for each. Nothing contacts a host other than 127.0.0.1.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { stringify } from 'yaml';
import { runMonitor } from '../src/monitor/monitor-run.ts';
import { PACKAGE_ROOT } from '../test/helpers/astro-build.ts';

const { values } = parseArgs({
  options: {
    endpoints: { type: 'string', default: '500' },
    slow: { type: 'string', default: '10' },
    'slow-ms': { type: 'string', default: '1500' },
    runs: { type: 'string', default: '3' },
  },
});
const endpoints = Number(values.endpoints);
const slowCount = Number(values.slow);
const slowMs = Number(values['slow-ms']);
const runs = Number(values.runs);

// The delay of each endpoint: every (endpoints / slow)-th one is slow, the
// others vary from 5 to 50 ms with a fixed pattern, so every run is the same.
const delays = Array.from({ length: endpoints }, (_, index) => {
  const slowEvery = slowCount > 0 ? Math.floor(endpoints / slowCount) : Infinity;
  if (index % slowEvery === slowEvery - 1) return slowMs;
  return 5 + ((index * 37) % 46);
});

const serverSource = `
const { createServer } = require('node:http');
const { parentPort, workerData } = require('node:worker_threads');
const server = createServer((request, response) => {
  const index = Number(request.url.slice(1));
  setTimeout(() => response.writeHead(200, { 'content-type': 'text/plain' }).end('ok'), workerData.delays[index] ?? 0);
});
server.listen(0, '127.0.0.1', 1024, () => parentPort.postMessage(server.address().port));
parentPort.on('message', () => server.close(() => process.exit(0)));
`;
const worker = new Worker(serverSource, { eval: true, workerData: { delays } });
const port = await new Promise<number>((resolve) => worker.once('message', resolve));

const root = path.join(PACKAGE_ROOT, '.sitrep', 'bench', `monitor-${endpoints}`);
await rm(root, { recursive: true, force: true });
await mkdir(path.join(root, 'content'), { recursive: true });
await mkdir(path.join(root, 'incidents'), { recursive: true });
await writeFile(path.join(root, 'incidents', '.gitkeep'), '');

async function writeConfig(concurrency: number): Promise<void> {
  const services = delays.map((_, index) => ({
    id: `endpoint-${String(index).padStart(3, '0')}`,
    name: `Endpoint ${index}`,
    check: { type: 'http', url: `http://127.0.0.1:${port}/${index}`, timeout: '10s' },
  }));
  const config = { title: 'Monitor benchmark', url: 'https://status.example.com', services, monitor: { concurrency, retries: 0 } };
  await writeFile(path.join(root, 'content', 'config.yml'), stringify(config));
}

async function measure(concurrency: number): Promise<number[]> {
  await writeConfig(concurrency);
  const times: number[] = [];
  for (let run = 0; run < runs; run++) {
    const statePath = path.join(root, '.sitrep', `state-${concurrency}-${run}.json`);
    const started = performance.now();
    const report = await runMonitor({ root, statePath, environment: {} });
    times.push(performance.now() - started);
    const down = report.services.filter((service) => service.outcome !== 'up');
    if (down.length > 0) throw new Error(`${down.length} checks failed, such as ${down[0]!.id}: ${down[0]!.message}`);
  }
  return times.sort((a, b) => a - b);
}

const sum = delays.reduce((total, delay) => total + delay, 0);
console.log(`Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${os.platform()}`);
console.log(`Method: ${endpoints} HTTP endpoints on one server in a worker thread, ${slowCount} of them responding after ${slowMs} ms and the rest after 5 to 50 ms.`);
console.log(`        Each run is a full runMonitor: loading the site, every check, the lifecycle and the state file. Median of ${runs} runs.`);
console.log(`Slowest single check: ${Math.max(...delays)} ms; sum of all server delays: ${(sum / 1000).toFixed(1)} s`);

for (const concurrency of [20, endpoints]) {
  const times = await measure(concurrency);
  const median = times[Math.floor(times.length / 2)]!;
  console.log(`concurrency ${String(concurrency).padStart(4)}: median ${(median / 1000).toFixed(2)} s (fastest ${(times[0]! / 1000).toFixed(2)} s, slowest ${(times.at(-1)! / 1000).toFixed(2)} s)`);
}

worker.postMessage('stop');
await new Promise((resolve) => worker.once('exit', resolve));
