import { z } from 'zod';
import { closestMatch } from '../domain/suggest.ts';
import type { FieldProblem } from './problem.ts';

/**
 * Turns one zod issue into a problem that names the value and gives the
 * fix. `schema` is the schema that was parsed, used to list the fields
 * allowed where an unknown one appears.
 */
export function describeIssue(issue: z.ZodIssue, data: unknown, schema: z.ZodTypeAny): FieldProblem {
  const path = issue.path;
  const field = String(path.at(-1) ?? 'field');
  const value = valueAt(data, path);

  switch (issue.code) {
    case z.ZodIssueCode.invalid_type: {
      if (issue.received === 'undefined') {
        return { path, message: `the required field \`${field}\` is missing`, fix: `add \`${field}:\` with ${describeExpected(issue.expected)}` };
      }
      return { path, message: `expected ${describeExpected(issue.expected)}, found ${describeValue(value)}`, fix: fixForType(issue.expected, value) };
    }

    case z.ZodIssueCode.invalid_enum_value: {
      const options = issue.options.map(String);
      const guess = closestMatch(String(value), options);
      const fix = `use one of ${listOf(options)}`;
      return { path, message: `${describeValue(value)} is not a valid \`${field}\``, fix: guess ? `did you mean \`${guess}\`? ${capitalise(fix)}` : fix };
    }

    case z.ZodIssueCode.unrecognized_keys: {
      const allowed = allowedKeys(schema, path, data);
      const [first] = issue.keys;
      const guess = first ? closestMatch(first, allowed) : undefined;
      const fix = `the fields allowed here are ${listOf(allowed)}`;
      return {
        path,
        key: first,
        message: `unknown field${issue.keys.length > 1 ? 's' : ''} ${listOf(issue.keys)}`,
        fix: guess ? `did you mean \`${guess}\`? ${capitalise(fix)}` : fix,
      };
    }

    case z.ZodIssueCode.invalid_union_discriminator: {
      const options = issue.options.map(String);
      const guess = closestMatch(String(value), options);
      const fix = `use one of ${listOf(options)}`;
      if (value === undefined) return { path, message: `the required field \`${field}\` is missing`, fix: `add \`${field}:\`; ${fix}` };
      return { path, message: `${describeValue(value)} is not a valid \`${field}\``, fix: guess ? `did you mean \`${guess}\`? ${capitalise(fix)}` : fix };
    }

    case z.ZodIssueCode.too_big:
      if (issue.type === 'number') return { path, message: `${describeValue(value)} is above the maximum of ${String(issue.maximum)}`, fix: `use a number up to ${String(issue.maximum)}` };
      break;

    case z.ZodIssueCode.too_small: {
      if (issue.type === 'array') return { path, message: `\`${field}\` lists nothing`, fix: `list at least ${issue.minimum} item${issue.minimum === 1 ? '' : 's'}, one \`- item\` per line` };
      if (issue.type === 'string') return { path, message: `\`${field}\` is empty`, fix: `write the ${field.replace(/_/g, ' ')}` };
      if (issue.type === 'number') return { path, message: `${describeValue(value)} is below the minimum of ${String(issue.minimum)}`, fix: `use a number of at least ${String(issue.minimum)}` };
      break;
    }
  }

  const params = 'params' in issue ? (issue.params as { fix?: string } | undefined) : undefined;
  return { path, message: issue.message, fix: params?.fix ?? 'correct the value' };
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function describeExpected(expected: string): string {
  switch (expected) {
    case 'string':
      return 'text';
    case 'boolean':
      return '`true` or `false`';
    case 'array':
      return 'a list';
    case 'object':
      return 'a set of `key: value` lines';
    case 'number':
      return 'a number';
    default:
      return expected;
  }
}

function fixForType(expected: string, value: unknown): string {
  if (expected === 'boolean') return 'write `true` or `false`, without quotes';
  if (expected === 'string' && typeof value !== 'object') return 'put the value in quotes';
  if (expected === 'array') return 'write one `- item` per line under the field';
  if (expected === 'object') return 'write `key: value` lines, indented under the field';
  return `write ${describeExpected(expected)}`;
}

/** Shows a value as it appeared in the file, in backticks. */
export function describeValue(value: unknown): string {
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'string') {
    if (value === '') return 'an empty text';
    // Quoted `"true"` or `"5"` is text in YAML; showing the quotes explains why it fails.
    if (/^(true|false|-?\d+(\.\d+)?)$/i.test(value)) return `the text \`"${value}"\``;
    return `\`${value.length > 60 ? `${value.slice(0, 57)}...` : value}\``;
  }
  return `\`${String(value)}\``;
}

/** Writes `a`, `a or b`, `a, b or c`, each in backticks. */
export function listOf(items: readonly string[]): string {
  const quoted = items.map((item) => `\`${item}\``);
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1)}`;
}

function valueAt(data: unknown, path: readonly (string | number)[]): unknown {
  let current = data;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

// Follows the path through the schema to the object the issue is about. A
// discriminated union, such as a service's `check`, is resolved to the
// option that the data's discriminator selects.
function allowedKeys(schema: z.ZodTypeAny, path: readonly (string | number)[], data: unknown): string[] {
  let current: z.ZodTypeAny | undefined = unwrap(schema);
  for (let depth = 0; depth <= path.length; depth++) {
    if (current instanceof z.ZodDiscriminatedUnion) {
      const discriminator = valueAt(data, [...path.slice(0, depth), current.discriminator]);
      current = unwrap(current.optionsMap.get(discriminator as z.Primitive));
    }
    if (depth === path.length) break;

    const part = path[depth]!;
    if (!current) return [];
    if (current instanceof z.ZodArray) current = unwrap(current.element);
    else if (current instanceof z.ZodObject) current = unwrap(current.shape[part]);
    else if (current instanceof z.ZodRecord) current = unwrap(current.valueSchema);
    else return [];
  }
  return current instanceof z.ZodObject ? Object.keys(current.shape) : [];
}

function unwrap(schema: z.ZodTypeAny | undefined): z.ZodTypeAny | undefined {
  let current = schema;
  for (;;) {
    if (current instanceof z.ZodEffects) current = current.innerType();
    else if (current instanceof z.ZodOptional || current instanceof z.ZodNullable) current = current.unwrap();
    else if (current instanceof z.ZodDefault) current = current.removeDefault();
    else return current;
  }
}
