import type { IncidentStatus, MaintenanceStatus, ServiceImpact } from '../domain/schema/vocabulary.ts';
import { renderContentFile } from './render-file.ts';

/** An update as the authoring commands write it; times are ISO 8601 text with an offset. */
export interface UpdateInput {
  at: string;
  status: IncidentStatus | MaintenanceStatus;
  message: string;
  /** Replaces the incident's affected services from this update on; absent keeps them. */
  affected?: Record<string, ServiceImpact>;
}

/** The fields of a new incident file. */
export interface NewIncident {
  title: string;
  affected: Record<string, ServiceImpact>;
  /** When the incident started; also the time of its first update. */
  started: string;
  status: IncidentStatus;
  message: string;
}

/** Returns an update's fields in the order the docs write them: `at`, `status`, `affected`, `message`. */
export function updateEntry(update: UpdateInput): Record<string, unknown> {
  const entry: Record<string, unknown> = { at: update.at, status: update.status };
  if (update.affected !== undefined) entry.affected = update.affected;
  entry.message = update.message;
  return entry;
}

/** Renders a new incident file with one update, in the layout of the README's example. */
export function renderIncidentFile(incident: NewIncident): string {
  return renderContentFile({
    title: incident.title,
    affected: incident.affected,
    started: incident.started,
    updates: [updateEntry({ at: incident.started, status: incident.status, message: incident.message })],
  });
}
