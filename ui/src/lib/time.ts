// Times are stored in UTC (RFC 3339); the screen shows them on this computer's clock.

/** A stored UTC time as local YYYY-MM-DD HH:MM; the text itself if it is not a time. */
export function localTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const two = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
