/** The settings that every importer gets besides its source folder. */
export interface ImportOptions {
  /** Source names to service ids, from `--mapping`. */
  mapping: ReadonlyMap<string, string>;
  /** The service ids that content/config.yml has already, if it exists. */
  existingServiceIds: ReadonlySet<string>;
  /** The same services by lower-cased name, so that a source service with the same name reuses the id. */
  existingServicesByName: ReadonlyMap<string, string>;
}
