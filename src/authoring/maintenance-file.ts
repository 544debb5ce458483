import { renderContentFile } from './render-file.ts';
import { updateEntry } from './incident-file.ts';

/** The fields of a new maintenance window; times are ISO 8601 text with an offset. */
export interface NewMaintenance {
  title: string;
  services: string[];
  start: string;
  end: string;
  /** When the window is announced: the time of its `scheduled` update. */
  announced: string;
  message: string;
}

/** Renders a new maintenance file whose one update is `scheduled`. */
export function renderMaintenanceFile(window: NewMaintenance): string {
  return renderContentFile({
    title: window.title,
    services: window.services,
    start: window.start,
    end: window.end,
    updates: [updateEntry({ at: window.announced, status: 'scheduled', message: window.message })],
  });
}
