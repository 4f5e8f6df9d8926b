// PromQL function signatures per Prometheus version (from promql/parser/functions.go).

export type ValueType = 'scalar' | 'vector' | 'matrix' | 'string' | 'none'
export type PromVersion = '2.42' | '3'

interface FunctionSignature {
  name: string
  argTypes: ValueType[]
  /** 0 = fixed arity, n > 0 = up to n optional trailing args, -1 = unbounded. */
  variadic: number
  returnType: ValueType
}

const TYPE_CODES: Record<string, ValueType> = {v: 'vector', m: 'matrix', s: 'scalar', S: 'string'}

// name:argTypes:variadic:return, types as v/m/s/S.
const COMMON = `
abs:v:0:v absent:v:0:v absent_over_time:m:0:v acos:v:0:v acosh:v:0:v asin:v:0:v asinh:v:0:v atan:v:0:v
atanh:v:0:v avg_over_time:m:0:v ceil:v:0:v changes:m:0:v clamp:vss:0:v clamp_max:vs:0:v clamp_min:vs:0:v
cos:v:0:v cosh:v:0:v count_over_time:m:0:v days_in_month:v:1:v day_of_month:v:1:v day_of_week:v:1:v
day_of_year:v:1:v deg:v:0:v delta:m:0:v deriv:m:0:v exp:v:0:v floor:v:0:v histogram_count:v:0:v
histogram_sum:v:0:v histogram_fraction:ssv:0:v histogram_quantile:sv:0:v hour:v:1:v idelta:m:0:v
increase:m:0:v irate:m:0:v label_replace:vSSSS:0:v label_join:vSSS:-1:v last_over_time:m:0:v ln:v:0:v
log10:v:0:v log2:v:0:v max_over_time:m:0:v min_over_time:m:0:v minute:v:1:v month:v:1:v pi::0:s
predict_linear:ms:0:v present_over_time:m:0:v quantile_over_time:sm:0:v rad:v:0:v rate:m:0:v resets:m:0:v
round:vs:1:v scalar:v:0:s sgn:v:0:v sin:v:0:v sinh:v:0:v sort:v:0:v sort_desc:v:0:v sqrt:v:0:v
stddev_over_time:m:0:v stdvar_over_time:m:0:v sum_over_time:m:0:v tan:v:0:v tanh:v:0:v time::0:s
timestamp:v:0:v vector:s:0:v year:v:1:v`

// Removed in 3.0 (renamed double_exponential_smoothing).
const ONLY_2_42 = `holt_winters:mss:0:v`

// 3.x functions, several behind --enable-feature=promql-experimental-functions.
const ONLY_3 = `
double_exponential_smoothing:mss:0:v first_over_time:m:0:v histogram_avg:v:0:v histogram_stddev:v:0:v
histogram_stdvar:v:0:v histogram_quantiles:vSss:9:v info:vv:1:v integral:ms:1:v mad_over_time:m:0:v
ts_of_first_over_time:m:0:v ts_of_max_over_time:m:0:v ts_of_min_over_time:m:0:v ts_of_last_over_time:m:0:v
sort_by_label:vS:-1:v sort_by_label_desc:vS:-1:v start::0:s end::0:s range::0:s step::0:s
start_timestamp:v:0:v`

function parseTable(spec: string): Map<string, FunctionSignature> {
  const table = new Map<string, FunctionSignature>()
  for (const entry of spec.split(/\s+/).filter(Boolean)) {
    const [name = '', args = '', variadic = '0', ret = 'v'] = entry.split(':')
    table.set(name, {
      name,
      argTypes: [...args].map((c) => TYPE_CODES[c] ?? 'none'),
      variadic: Number(variadic),
      returnType: TYPE_CODES[ret] ?? 'none',
    })
  }
  return table
}

const TABLES: Record<PromVersion, ReadonlyMap<string, FunctionSignature>> = {
  '2.42': parseTable(`${COMMON} ${ONLY_2_42}`),
  '3': parseTable(`${COMMON} ${ONLY_3}`),
}

export function getFunction(name: string, version: PromVersion): FunctionSignature | undefined {
  return TABLES[version].get(name)
}

/** Aggregation operators and their parameter count (0 = none). */
const AGGREGATORS: Record<PromVersion, ReadonlyMap<string, ValueType | undefined>> = {
  '2.42': new Map<string, ValueType | undefined>([
    ['sum', undefined], ['avg', undefined], ['count', undefined], ['min', undefined], ['max', undefined],
    ['group', undefined], ['stddev', undefined], ['stdvar', undefined],
    ['topk', 'scalar'], ['bottomk', 'scalar'], ['quantile', 'scalar'], ['count_values', 'string'],
  ]),
  '3': new Map<string, ValueType | undefined>([
    ['sum', undefined], ['avg', undefined], ['count', undefined], ['min', undefined], ['max', undefined],
    ['group', undefined], ['stddev', undefined], ['stdvar', undefined],
    ['topk', 'scalar'], ['bottomk', 'scalar'], ['quantile', 'scalar'], ['count_values', 'string'],
    ['limitk', 'scalar'], ['limit_ratio', 'scalar'],
  ]),
}

/** undefined = not an aggregator in this version; null = no parameter; else the parameter's type. */
export function getAggregator(name: string, version: PromVersion): ValueType | null | undefined {
  const table = AGGREGATORS[version]
  if (!table.has(name)) return undefined
  return table.get(name) ?? null
}

/** Prometheus' DocumentedType: the names used in error messages. */
export function documentedType(t: ValueType): string {
  if (t === 'vector') return 'instant vector'
  if (t === 'matrix') return 'range vector'
  return t
}
