import {Args, Flags} from '@oclif/core'
import {SpockCommand} from '../base-command.js'
import {UsageError} from '../errors.js'
import {prometheusFlags} from '../flags.js'
import {parseDuration} from '../model/duration.js'
import {parseTime} from '../model/time.js'
import {defaultStep, runQuery, type QueryReport, type QueryRequest} from '../prometheus/query.js'
import {queryView} from '../output/views/query.js'

export default class Query extends SpockCommand<typeof Query> {
  static summary = 'Run a PromQL query: a table of series, and over a range a chart of each on a terminal.'
  static description =
    'An instant query by default; --range (with an optional --step) or --start/--end asks for a range. Exit 0 with a result (even an empty one), 2 when Prometheus rejects the query (its message and position are shown), 3 when it cannot be reached.'
  static examples = [
    "<%= config.bin %> <%= command.id %> 'up == 0'",
    "<%= config.bin %> <%= command.id %> 'rate(prometheus_http_requests_total[5m])' --range 6h --step 1m",
    "<%= config.bin %> <%= command.id %> 'sum by (job) (up)' --start 2026-12-01T00:00:00Z --end 2026-12-01T06:00:00Z -o json",
  ]
  static args = {expr: Args.string({required: true, description: 'PromQL expression'})}
  static flags = {
    ...prometheusFlags,
    time: Flags.string({summary: 'Evaluation time of an instant query (default: now).', helpValue: 'RFC3339|now|-1h', exclusive: ['range', 'start']}),
    range: Flags.string({summary: 'Query the last DURATION, ending at --end or now.', helpValue: '6h', exclusive: ['start']}),
    start: Flags.string({summary: 'Start of a range query.', helpValue: 'RFC3339|-6h'}),
    end: Flags.string({summary: 'End of a range query (default: now).', helpValue: 'RFC3339|now'}),
    step: Flags.string({summary: 'Resolution of a range query (default: about 240 points).', helpValue: '1m'}),
    'no-chart': Flags.boolean({summary: 'No chart under the table of a range query.'}),
    quiet: Flags.boolean({char: 'q', summary: 'Print series names only.'}),
  }

  async run(): Promise<QueryReport> {
    const f = this.flags
    const req = queryRequest(this.args.expr, f, new Date())
    const conn = await this.connect()
    const report = await runQuery(conn.prometheus(), req)
    return this.emit(report, queryView({chart: !f['no-chart'], width: process.stdout.columns ?? 80}), {quiet: f.quiet})
  }
}

function queryRequest(expr: string, f: {time?: string; range?: string; start?: string; end?: string; step?: string}, now: Date): QueryRequest {
  const duration = (flag: string, text: string) => {
    try {
      return parseDuration(text)
    } catch (e) {
      throw new UsageError(`--${flag} ${text}: ${(e as Error).message}`, {hint: 'a Prometheus duration such as 30s, 5m, 6h or 1d'})
    }
  }
  if (!f.range && !f.start) {
    if (f.end || f.step) throw new UsageError('--end and --step need a range', {hint: 'add --range 6h or --start'})
    return {expr, time: f.time ? parseTime(f.time, now) : undefined}
  }
  const end = f.end ? parseTime(f.end, now) : now
  const start = f.range ? new Date(end.getTime() - duration('range', f.range)) : parseTime(f.start!, now)
  const stepSeconds = f.step ? duration('step', f.step) / 1000 : defaultStep((end.getTime() - start.getTime()) / 1000)
  if (stepSeconds <= 0) throw new UsageError('--step must be more than zero')
  return {expr, range: {start, end, stepSeconds}}
}
