// Carries out the file operations that a run decided on. Each operation can
// run twice without harm, because a run that stopped halfway replays its
// pending operations at the start of the next run.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Redactor } from './config-secrets.ts';
import { endsWithUpdate, planAppend } from './incident-files.ts';
import { appendRow } from './rollup.ts';
import { writeFileAtomically, type FileOperation } from './state-file.ts';

/** The outcome of one operation. */
export interface AppliedOperation {
  operation: FileOperation;
  status: 'written' | 'already done' | 'failed';
  /** The reason the operation failed. */
  problem?: string;
}

/** Applies the operations in order under `root`, and returns what happened to each. */
export async function applyOperations(root: string, operations: readonly FileOperation[], redactor: Redactor): Promise<AppliedOperation[]> {
  const applied: AppliedOperation[] = [];
  for (const operation of operations) applied.push(await applyOne(root, operation, redactor));
  return applied;
}

async function applyOne(root: string, operation: FileOperation, redactor: Redactor): Promise<AppliedOperation> {
  const absolute = path.join(root, operation.file);
  const current = await readFile(absolute, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  const failed = (problem: string): AppliedOperation => ({ operation, status: 'failed', problem });
  const done: AppliedOperation = { operation, status: 'already done' };
  const written: AppliedOperation = { operation, status: 'written' };

  switch (operation.kind) {
    case 'create': {
      const text = redactor.redact(operation.text);
      if (current !== undefined) return current === text ? done : failed(`${operation.file} already exists with other content, so it was not overwritten`);
      await mkdir(path.dirname(absolute), { recursive: true });
      // `wx` fails when a person created the same file since the run read the folder.
      await writeFile(absolute, text, { flag: 'wx' });
      return written;
    }

    case 'append-update': {
      if (current === undefined) return failed(`${operation.file} no longer exists, so the update was not appended`);
      if (endsWithUpdate(current, operation.update)) return done;
      const planned = planAppend(current, operation.update);
      if (!planned.ok) return failed(`could not update ${operation.file}: ${planned.problem}`);
      await writeFileAtomically(absolute, redactor.redact(planned.text));
      return written;
    }

    case 'append-row': {
      let text: string | undefined;
      try {
        text = appendRow(current, operation.date, operation.row);
      } catch (error) {
        if (!(error instanceof RangeError)) throw error;
        return failed(`${operation.file} has a problem at ${error.message}, so the row of ${operation.date} was not added; run \`sitrep validate\``);
      }
      if (text === undefined) return done;
      await writeFileAtomically(absolute, text);
      return written;
    }
  }
}
