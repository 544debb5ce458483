import { describe, expect, it } from 'vitest';
import { datedSlug, slugify, uniqueSlug } from '../../src/authoring/slug.ts';

describe('slugify', () => {
  it.each([
    ['Elevated API errors', 'elevated-api-errors'],
    ['Checkout: "slow" pages!', 'checkout-slow-pages'],
    ["Can't sign in", 'cant-sign-in'],
    ['Café & Crème brûlée', 'cafe-and-creme-brulee'],
    ['  --Leading and trailing--  ', 'leading-and-trailing'],
    ['🚨🚨', ''],
  ])('turns %j into %j', (title, slug) => {
    expect(slugify(title)).toBe(slug);
  });

  it('cuts long titles at a hyphen', () => {
    const slug = slugify('Payments declined for some Maestro cards issued in the Netherlands and Belgium');

    expect(slug).toBe('payments-declined-for-some-maestro-cards-issued-in-the');
    expect(slug.length).toBeLessThanOrEqual(60);
  });

  it('matches the validator slug rule', () => {
    for (const title of ['A', 'Ümlaut Ärger', 'x'.repeat(100), '1.2.3 release', 'ÅÄÖ']) {
      expect(slugify(title)).toMatch(/^([a-z0-9][a-z0-9-]*)?$/);
    }
  });
});

describe('datedSlug', () => {
  it('uses the UTC date', () => {
    expect(datedSlug(new Date('2026-03-10T23:30:00-05:00'), 'Late outage', 'incident')).toBe('2026-03-11-late-outage');
  });

  it('falls back when the title has no letters', () => {
    expect(datedSlug(new Date('2026-03-10T10:00Z'), '🚨', 'incident')).toBe('2026-03-10-incident');
  });
});

describe('uniqueSlug', () => {
  it('keeps a free slug', () => {
    expect(uniqueSlug('2026-03-10-api', new Set(['other']))).toBe('2026-03-10-api');
  });

  it('adds -2, -3 to taken slugs', () => {
    expect(uniqueSlug('2026-03-10-api', new Set(['2026-03-10-api']))).toBe('2026-03-10-api-2');
    expect(uniqueSlug('2026-03-10-api', new Set(['2026-03-10-api', '2026-03-10-api-2']))).toBe('2026-03-10-api-3');
  });
});
