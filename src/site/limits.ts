/** Entries per history page: months of a busy site, still light on a phone. */
export const HISTORY_PAGE_SIZE = 30;

/** How far back the home page lists recently resolved incidents. */
export const RECENT_DAYS = 7;
