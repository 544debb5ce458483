// File names for new content. The slug rules are those of the validator:
// lower-case letters, digits and hyphens, starting with a letter or digit.

const MAX_TITLE_SLUG_LENGTH = 60;

/**
 * Turns a title into a slug: accents dropped, `&` spelt out, apostrophes
 * removed and every other run of non-alphanumeric characters made one
 * hyphen. Long titles are cut at a hyphen to at most 60 characters.
 * Returns an empty string when the title has no letters or digits.
 */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (slug.length <= MAX_TITLE_SLUG_LENGTH) return slug;

  const cut = slug.slice(0, MAX_TITLE_SLUG_LENGTH + 1);
  const lastHyphen = cut.lastIndexOf('-');
  return (lastHyphen > 0 ? cut.slice(0, lastHyphen) : cut.slice(0, MAX_TITLE_SLUG_LENGTH)).replace(/-+$/, '');
}

/** Returns `YYYY-MM-DD-<slug of title>`, with the date of `date` in UTC. */
export function datedSlug(date: Date, title: string, fallback: string): string {
  return `${date.toISOString().slice(0, 10)}-${slugify(title) || fallback}`;
}

/**
 * Returns `base`, or `base-2`, `base-3` … whichever is first not in
 * `existing`, which contains lower-case slugs as the validator compares them.
 */
export function uniqueSlug(base: string, existing: ReadonlySet<string>): string {
  if (!existing.has(base)) return base;
  for (let suffix = 2; ; suffix++) {
    const candidate = `${base}-${suffix}`;
    if (!existing.has(candidate)) return candidate;
  }
}
