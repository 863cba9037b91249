/**
 * Expands the macros of the Altinity ClickHouse plugin for Grafana (`vertamedia-clickhouse-datasource`)
 * into the SQL the plugin would send, so provisioned dashboards can be run against ClickHouse
 * without a Grafana. The rules follow the plugin's own expansion (pkg/eval/eval_query.go,
 * `dateTimeType` DATETIME, no rounding); anything else fails loudly instead of guessing.
 *
 * Supported (F = from, T = to, epoch seconds rounded down; I = interval in seconds):
 *
 *   $table                    [database.]table of the target (database left out when empty, so the
 *                             datasource's default database applies)
 *   $dateCol, $dateTimeCol    the target's Date and DateTime column names
 *   $from, $to                F, T
 *   $__from, $__to            the range ends in epoch milliseconds
 *   $interval                 I
 *   $__interval_ms            I × 1000
 *   $timeSeries               (intDiv(toUInt32(<dateTimeCol>), I) * I) * 1000
 *   $timeSeriesMs             (intDiv(toUInt32(<dateTimeCol>) * 1000, I×1000) * I×1000)
 *   $timeFilter               [<dateCol> >= toDate(F) AND <dateCol> <= toDate(T) AND ]
 *                             <dateTimeCol> >= toDateTime(F) AND <dateTimeCol> <= toDateTime(T)
 *                             (the Date part only when the target names a Date column)
 *   $timeFilterMs             as $timeFilter with toDateTime(<ms>/1000) bounds
 *   $timeFilterByColumn(col)  col >= toDateTime(F) AND col <= toDateTime(T)
 *
 * Not supported, and rejected: the plugin's query functions ($columns, $rate, $perSecond, $delta,
 * $increase, $lttb and their variants, which rewrite the whole query), $naturalTimeSeries,
 * $unescape, $adhoc, $conditionalTest, Grafana's own variables ($__interval, $__range, ${var}, …),
 * dashboard template variables, `dateTimeType` other than DATETIME and a non-zero `round`.
 * A `$` anywhere else in a query is reported as an unknown macro too.
 */

export interface PluginTarget {
  refId: string;
  query: string;
  format?: string;
  database?: string;
  table?: string;
  /** The Date column ("Column:Date" in the query editor). */
  dateColDataType?: string;
  /** The DateTime column ("Column:DateTime"). */
  dateTimeColDataType?: string;
  dateTimeType?: string;
  round?: string;
  interval?: string;
  intervalFactor?: number;
}

export interface MacroRange {
  /** Epoch milliseconds. */
  from: number;
  /** Epoch milliseconds. */
  to: number;
  /** Group-by interval in whole seconds (Grafana's interval for the panel; the plugin's $interval). */
  intervalSeconds: number;
}

export const SUPPORTED_MACROS: readonly string[] = [
  'table',
  'dateCol',
  'dateTimeCol',
  'from',
  'to',
  '__from',
  '__to',
  'interval',
  '__interval_ms',
  'timeSeries',
  'timeSeriesMs',
  'timeFilter',
  'timeFilterMs',
  'timeFilterByColumn',
];

export class MacroError extends Error {
  override readonly name = 'MacroError';
}

const MACRO = /\$(\{?)(\w*)/g;
const COLUMN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const DURATION = /^(\d+)(ms|s|m|h|d|w)$/;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

/** Grafana duration ("30s", "1m", "1h") in whole seconds (at least 1). */
export function durationSeconds(text: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) throw new MacroError(`cannot read duration ${JSON.stringify(text)}: expected <integer><ms|s|m|h|d|w>`);
  return Math.max(1, Math.ceil(Number(match[1]) * (UNIT_SECONDS[match[2] as string] as number)));
}

/** Every `$name` in a query, in order (`${name}` is reported as `${name}`). */
export function macroNames(query: string): string[] {
  return [...query.matchAll(MACRO)].map((m) => (m[1] ? `\${${m[2]}}` : m[2] as string));
}

/** The names in `query` that `expandMacros` does not know, deduplicated. */
export function unknownMacros(query: string): string[] {
  return [...new Set(macroNames(query).filter((name) => !SUPPORTED_MACROS.includes(name)))];
}

/**
 * The SQL the plugin sends for `target` over `range`. Throws MacroError on an unknown macro, on a
 * macro whose column the target does not name, and on target settings the expansion does not model.
 */
export function expandMacros(target: PluginTarget, range: MacroRange): string {
  const where = `target ${target.refId}`;
  const unknown = unknownMacros(target.query);
  if (unknown.length > 0) {
    throw new MacroError(`${where}: unknown macro(s) ${unknown.map((n) => (n.startsWith('$') ? n : `$${n}`)).join(', ')}; supported: ${SUPPORTED_MACROS.map((n) => `$${n}`).join(', ')}`);
  }
  if ((target.dateTimeType ?? 'DATETIME') !== 'DATETIME') throw new MacroError(`${where}: dateTimeType ${target.dateTimeType} is not supported (DATETIME only)`);
  if (target.round !== undefined && target.round !== '' && !/^0+(ms|s|m|h)?$/.test(target.round)) {
    throw new MacroError(`${where}: round ${JSON.stringify(target.round)} is not supported (use 0s)`);
  }
  if (!(Number.isInteger(range.intervalSeconds) && range.intervalSeconds >= 1)) throw new MacroError(`${where}: intervalSeconds must be a positive integer`);
  if (!(Number.isFinite(range.from) && Number.isFinite(range.to) && range.to >= range.from)) throw new MacroError(`${where}: bad time range`);

  const from = Math.floor(range.from / 1000);
  const to = Math.floor(range.to / 1000);
  const interval = range.intervalSeconds;
  const column = (name: string | undefined, macro: string): string => {
    if (!name) throw new MacroError(`${where}: ${macro} needs the target's ${macro === '$dateCol' ? 'dateColDataType' : 'dateTimeColDataType'}`);
    if (!COLUMN.test(name)) throw new MacroError(`${where}: column name ${JSON.stringify(name)} is not a plain identifier`);
    return name;
  };
  const dateTimeCol = (macro: string): string => column(target.dateTimeColDataType, macro);
  const datePart = (): string => {
    const dateCol = target.dateColDataType ? column(target.dateColDataType, '$dateCol') : '';
    return dateCol ? `${dateCol} >= toDate(${from}) AND ${dateCol} <= toDate(${to}) AND ` : '';
  };

  return target.query.replace(/\$(\w+)(?:\((\w+)\))?/g, (whole, name: string, arg: string | undefined) => {
    // Only $timeFilterByColumn takes an argument; for the others a "(…)" after the name is SQL.
    const rest = arg === undefined || name === 'timeFilterByColumn' ? '' : `(${arg})`;
    switch (name) {
      case 'table': {
        const table = column(target.table, '$table');
        const database = target.database ? column(target.database, '$table') : '';
        return (database ? `${database}.${table}` : table) + rest;
      }
      case 'dateCol':
        return column(target.dateColDataType, '$dateCol') + rest;
      case 'dateTimeCol':
        return dateTimeCol('$dateTimeCol') + rest;
      case 'from':
        return `${from}${rest}`;
      case 'to':
        return `${to}${rest}`;
      case '__from':
        return `${range.from}${rest}`;
      case '__to':
        return `${range.to}${rest}`;
      case 'interval':
        return `${interval}${rest}`;
      case '__interval_ms':
        return `${interval * 1000}${rest}`;
      case 'timeSeries':
        return `(intDiv(toUInt32(${dateTimeCol('$timeSeries')}), ${interval}) * ${interval}) * 1000${rest}`;
      case 'timeSeriesMs':
        return `(intDiv(toUInt32(${dateTimeCol('$timeSeriesMs')}) * 1000, ${interval * 1000}) * ${interval * 1000})${rest}`;
      case 'timeFilter': {
        const col = dateTimeCol('$timeFilter');
        return `${datePart()}${col} >= toDateTime(${from}) AND ${col} <= toDateTime(${to})${rest}`;
      }
      case 'timeFilterMs': {
        const col = dateTimeCol('$timeFilterMs');
        return `${datePart()}${col} >= toDateTime(${range.from}/1000) AND ${col} <= toDateTime(${range.to}/1000)${rest}`;
      }
      case 'timeFilterByColumn': {
        if (arg === undefined) throw new MacroError(`${where}: $timeFilterByColumn needs a column: $timeFilterByColumn(event_time)`);
        return `${arg} >= toDateTime(${from}) AND ${arg} <= toDateTime(${to})`;
      }
      default:
        throw new MacroError(`${where}: unknown macro ${whole}`); // unreachable: checked above
    }
  });
}

/**
 * The top-level GROUP BY items of a query (outside parentheses and string literals), as the plugin
 * reads them: it names time series by the values of every GROUP BY column other than the time column.
 */
export function topLevelGroupBy(query: string): string[] {
  const flat: string[] = [];
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < query.length; i++) {
    const ch = query[i] as string;
    if (quote) {
      if (ch === '\\' && i + 1 < query.length) {
        flat.push(' ');
        i++;
      } else if (ch === quote) {
        quote = null;
      }
      flat.push(' ');
      continue;
    }
    if (ch === "'" || ch === '`' || ch === '"') quote = ch;
    if (ch === '(') depth++;
    flat.push(depth === 0 ? ch : ' ');
    if (ch === ')') depth--;
  }
  const text = flat.join('');
  const match = /\bGROUP\s+BY\b([\s\S]*?)(?=\bHAVING\b|\bORDER\s+BY\b|\bLIMIT\b|\bFORMAT\b|\bSETTINGS\b|$)/i.exec(text);
  if (!match) return [];
  const start = (match.index ?? 0) + match[0].length - (match[1] as string).length;
  const clause = query.slice(start, start + (match[1] as string).length);
  const items: string[] = [];
  let item = '';
  depth = 0;
  for (const ch of clause) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (ch === ',' && depth === 0) {
      items.push(item.trim());
      item = '';
    } else {
      item += ch;
    }
  }
  if (item.trim()) items.push(item.trim());
  return items;
}
