import type { TrafficEvent } from './traffic-event';

/** Appends the time-ordered lists `a` and `b` to `out` in time order (ties: `a` first). */
export function mergeByTime(a: readonly TrafficEvent[], b: readonly TrafficEvent[], out: TrafficEvent[]): void {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as TrafficEvent;
    const y = b[j] as TrafficEvent;
    if (y.value.event_time < x.value.event_time) {
      out.push(y);
      j++;
    } else {
      out.push(x);
      i++;
    }
  }
  while (i < a.length) out.push(a[i++] as TrafficEvent);
  while (j < b.length) out.push(b[j++] as TrafficEvent);
}
