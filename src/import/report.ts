// The report that every import prints: what was written, what was mapped
// and how, and every item that could not be mapped, with the reason.

export type FileOutcome = 'created' | 'updated' | 'unchanged' | 'kept';

export class ImportReport {
  readonly files: { outcome: FileOutcome; file: string; detail?: string }[] = [];
  readonly mapped: string[] = [];
  readonly unmapped: string[] = [];
  readonly skipped: string[] = [];
  readonly notes: string[] = [];
  readonly problems: string[] = [];

  /** Records a value that was translated in a way a person should check, such as a near match. */
  map(line: string): void {
    if (!this.mapped.includes(line)) this.mapped.push(line);
  }

  /** Records a value with no equivalent in Sitrep, and why; the rest of its item is still imported. */
  unmap(line: string): void {
    if (!this.unmapped.includes(line)) this.unmapped.push(line);
  }

  /** Records a whole source item that was not imported, and why. */
  skip(line: string): void {
    this.skipped.push(line);
  }

  note(line: string): void {
    if (!this.notes.includes(line)) this.notes.push(line);
  }

  file(outcome: FileOutcome, file: string, detail?: string): void {
    this.files.push({ outcome, file, detail });
  }

  count(outcome: FileOutcome): number {
    return this.files.filter((entry) => entry.outcome === outcome).length;
  }

  /** Formats the report as text, one section per kind of line; empty sections are left out. */
  format(heading: string, dryRun: boolean): string {
    const lines = [heading];
    const section = (title: string, entries: readonly string[]) => {
      if (entries.length === 0) return;
      lines.push('', `${title}:`, ...entries.map((entry) => `  ${entry}`));
    };

    const verb = dryRun
      ? { created: 'would create', updated: 'would update', unchanged: 'unchanged', kept: 'would keep' }
      : { created: 'created', updated: 'updated', unchanged: 'unchanged', kept: 'kept' };
    section(
      'Files',
      this.files.map((entry) => `${verb[entry.outcome]} ${entry.file}${entry.detail ? `: ${entry.detail}` : ''}`),
    );
    section('Mapped', this.mapped);
    section('Not mapped', this.unmapped);
    section('Skipped', this.skipped);
    section('Notes', this.notes);
    section('Problems after the import', this.problems);

    const summary = [
      `${this.count('created')} ${dryRun ? 'to create' : 'created'}`,
      `${this.count('updated')} ${dryRun ? 'to update' : 'updated'}`,
      `${this.count('unchanged')} unchanged`,
      `${this.count('kept')} kept as a person left them`,
      `${this.unmapped.length} not mapped`,
      `${this.skipped.length} skipped`,
    ].join(', ');
    lines.push('', `Summary: ${summary}.`);
    if (dryRun) lines.push('Dry run: nothing was written.');
    return `${lines.join('\n')}\n`;
  }
}
