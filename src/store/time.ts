/** ISO-8601 UTC text, the one time format stored in the database. */
export function iso(d: Date | number): string {
  return new Date(d).toISOString();
}
