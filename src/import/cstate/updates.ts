// The updates inside a cState issue's body. cState writes each update as a
// paragraph `*Label* - text {{< track "2018-05-25 04:40:00" >}}`, newest
// first (cstate/cstate, exampleSite/content/issues/2018-05-25-us-east-conn-issues.md),
// and some sites separate updates with `---` lines instead of labels.
import { toZonedTime, type ConvertedTime } from '../values.ts';

/** One update as cState wrote it, before its label becomes a status. */
export interface CstateUpdate {
  label?: string;
  message: string;
  time?: ConvertedTime;
  /** The `track` value when it could not be read as a time. */
  unreadableTime?: string;
}

const TRACK = /\{\{[<%]\s*track\s+"([^"]*)"\s*[>%]\}\}/g;
const LABEL = /^\s*\*{1,2}([^*\n]+?)\*{1,2}\s*[-–—]\s*/;
const SECTION_BREAK = /^\s*---+\s*$/m;

function toUpdate(raw: string, label: string | undefined): CstateUpdate | undefined {
  const tracks = [...raw.matchAll(TRACK)];
  const message = raw.replace(TRACK, '').replace(/[ \t]+$/gm, '').trim();
  if (message === '' && tracks.length === 0 && label === undefined) return undefined;

  const update: CstateUpdate = { message };
  if (label !== undefined) update.label = label.trim();
  const trackValue = tracks[0]?.[1];
  if (trackValue !== undefined) {
    const time = toZonedTime(trackValue);
    if (time) update.time = time;
    else update.unreadableTime = trackValue;
  }
  return update;
}

/**
 * Splits a cState body into updates, in the order written. Each `---`
 * section is at least one update, and inside a section every paragraph
 * that starts with a `*Label* -` starts a new update.
 */
export function parseCstateBody(body: string): CstateUpdate[] {
  const updates: CstateUpdate[] = [];
  for (const section of body.split(SECTION_BREAK)) {
    const paragraphs = section.split(/\r?\n[ \t]*\r?\n/);
    let label: string | undefined;
    let lines: string[] = [];
    const flush = () => {
      const update = toUpdate(lines.join('\n\n'), label);
      if (update) updates.push(update);
      lines = [];
      label = undefined;
    };

    for (const paragraph of paragraphs) {
      const labelMatch = LABEL.exec(paragraph);
      if (labelMatch) {
        flush();
        label = labelMatch[1]!;
        lines.push(paragraph.slice(labelMatch[0].length));
      } else {
        lines.push(paragraph);
      }
    }
    flush();
  }
  return updates;
}
