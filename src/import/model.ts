// The output of an importer: services and groups to merge into
// content/config.yml, and content files to write. Nothing here touches disk.

/** A service to add to `services` in content/config.yml. */
export interface ImportedService {
  id: string;
  name: string;
  description?: string;
  group?: string;
  since?: string;
  check?: Record<string, unknown>;
  /** The component's id in the source, which the compatible API keeps. */
  statuspage_id?: string;
  /** A comment written above the entry, such as the source's own id. */
  comment?: string;
}

/** A group to add to `groups` in content/config.yml. */
export interface ImportedGroup {
  id: string;
  name: string;
  description?: string;
  collapsed?: boolean;
  statuspage_id?: string;
  comment?: string;
}

/** A content file to write, relative to the site root, and the source item it came from. */
export interface PlannedFile {
  file: string;
  text: string;
  source: string;
}

/** The site settings used only when content/config.yml does not exist yet. */
export interface NewSiteSettings {
  title: string;
  url: string;
  description?: string;
}

export interface ImportPlan {
  services: ImportedService[];
  groups: ImportedGroup[];
  files: PlannedFile[];
  site: NewSiteSettings;
}
