// Reads a saved Statuspage export: summary.json, incidents.json or pages of
// it (incidents-1.json, incidents-2.json …) and, optionally,
// scheduled-maintenances.json or its pages. The shapes are those of
// Statuspage's public v2 API, as the JSON schemas in
// test/fixtures/statuspage/ describe them.
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { listFiles, readJsonFile } from '../source-files.ts';

export interface StatuspageComponent {
  id: string;
  name: string;
  description?: string | null;
  status?: string;
  group?: boolean;
  group_id?: string | null;
  start_date?: string | null;
  only_show_if_degraded?: boolean;
}

export interface StatuspageAffectedComponent {
  code: string;
  name?: string;
  old_status?: string;
  new_status?: string;
}

export interface StatuspageUpdate {
  id?: string;
  status: string;
  body?: string | null;
  created_at?: string;
  display_at?: string | null;
  affected_components?: StatuspageAffectedComponent[] | null;
}

export interface StatuspageIncident {
  id: string;
  name: string;
  status: string;
  impact?: string;
  created_at?: string;
  updated_at?: string | null;
  started_at?: string | null;
  resolved_at?: string | null;
  scheduled_for?: string | null;
  scheduled_until?: string | null;
  incident_updates?: StatuspageUpdate[];
  components?: StatuspageComponent[];
}

export interface StatuspageExport {
  page: { name?: string; url?: string };
  components: StatuspageComponent[];
  incidents: StatuspageIncident[];
  maintenances: StatuspageIncident[];
  /** The files read, for the report. */
  files: string[];
}

// Reads `name.json` and `name-<n>.json` in number order, and returns the items under `key`.
async function readPages(folder: string, name: string, key: string, files: string[]): Promise<StatuspageIncident[]> {
  const pattern = new RegExp(`^${name}(?:-(\\d+))?\\.json$`);
  const matches = (await listFiles(folder))
    .map((file) => ({ file, match: pattern.exec(file) }))
    .filter((entry) => entry.match !== null)
    .sort((a, b) => Number(a.match![1] ?? 0) - Number(b.match![1] ?? 0));

  const items: StatuspageIncident[] = [];
  for (const { file } of matches) {
    const data = await readJsonFile(path.join(folder, file));
    const list = Array.isArray(data) ? data : (data as Record<string, unknown> | null)?.[key];
    if (!Array.isArray(list)) throw new Error(`${file} has no \`${key}\` list; save the response of /api/v2/${name}.json`);
    files.push(file);
    items.push(...(list as StatuspageIncident[]));
  }
  return items;
}

// Keeps one copy of each id, the one updated last, in the order first seen.
function uniqueById(items: StatuspageIncident[]): StatuspageIncident[] {
  const byId = new Map<string, StatuspageIncident>();
  for (const item of items) {
    const seen = byId.get(item.id);
    if (!seen || (item.updated_at ?? '') > (seen.updated_at ?? '')) byId.set(item.id, item);
  }
  return [...byId.values()];
}

/** Reads the export in `source`, a folder or any file inside it. */
export async function readStatuspageExport(source: string): Promise<StatuspageExport> {
  const folder = (await stat(source)).isDirectory() ? source : path.dirname(source);
  const files: string[] = [];

  let summary: Record<string, unknown> = {};
  try {
    summary = (await readJsonFile(path.join(folder, 'summary.json'))) as Record<string, unknown>;
    files.push('summary.json');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new Error(`summary.json: ${(error as Error).message}`);
  }

  const incidents = await readPages(folder, 'incidents', 'incidents', files);
  const maintenances = await readPages(folder, 'scheduled-maintenances', 'scheduled_maintenances', files);
  if (files.length === 0) throw new Error(`${folder} has no summary.json and no incidents.json; save them from /api/v2/ of the Statuspage page`);

  // incidents.json lists maintenance too; those have `scheduled_for`.
  const all = uniqueById([...maintenances, ...incidents]);
  return {
    page: (summary.page ?? {}) as StatuspageExport['page'],
    components: Array.isArray(summary.components) ? (summary.components as StatuspageComponent[]) : [],
    incidents: all.filter((item) => !item.scheduled_for),
    maintenances: all.filter((item) => item.scheduled_for),
    files,
  };
}
