// The JSON each command prints (-o json), as zod schemas: the test validates real output against them and
// docs/schemas/<command>.json is generated from them (z.toJSONSchema). Durations are seconds, times RFC 3339,
// matchers the Alertmanager API's shape, indexes 1-based.
import {z} from 'zod'

const time = z.string().regex(/^\d{4}-\d\d-\d\dT/)
const matcher = z.object({name: z.string(), value: z.string(), isRegex: z.boolean(), isEqual: z.boolean().optional()})
const silence = z.object({
  id: z.string().optional(),
  matchers: z.array(matcher),
  startsAt: time,
  endsAt: time,
  createdBy: z.string(),
  comment: z.string(),
  status: z.object({state: z.enum(['active', 'pending', 'expired'])}).optional(),
  updatedAt: time.optional(),
})
const peerFacts = {peer: z.string(), down: z.array(z.unknown())}
const problem = z.object({check: z.string(), severity: z.enum(['error', 'warning']), message: z.string(), line: z.number().int(), column: z.number().int(), group: z.string().nullable(), rule: z.string().nullable(), hint: z.string().optional()})
const findings = (withRules: boolean) =>
  z.object({
    files: z.array(z.object({path: z.string(), ok: z.boolean(), ...(withRules ? {groups: z.number().int(), rules: z.number().int()} : {}), problems: z.array(problem)})),
    summary: z.object({files: z.number().int(), ...(withRules ? {rules: z.number().int()} : {}), errors: z.number().int(), warnings: z.number().int()}),
  })
/** With --at: a route's state at that instant. */
const timeState = {
  muted: z.boolean().optional(),
  mutedBy: z.array(z.string()).optional().describe('active mute_time_intervals'),
  outsideActiveIntervals: z.array(z.string()).optional().describe('the active_time_intervals, when none is active'),
}
const routeTest = z.object({
  labels: z.record(z.string(), z.string()),
  receivers: z.array(z.string()),
  routes: z.array(
    z.object({
      receiver: z.string(),
      path: z.array(z.number().int().min(1)),
      matchers: z.array(matcher),
      line: z.number().int(),
      column: z.number().int(),
      ...timeState,
    }),
  ),
  expected: z.array(z.string()).optional(),
  matchesExpected: z.boolean().optional(),
  inhibitedBy: z.record(z.string(), z.string()).optional(),
  inhibited: z.boolean().optional(),
  inhibitRules: z.array(z.number().int().min(1)).optional(),
  ok: z.boolean(),
  at: time.optional().describe('with --at: the instant'),
  allMuted: z.boolean().optional().describe('with --at: every matched route is muted'),
})
interface Route {
  path: number[]
  matchers: z.infer<typeof matcher>[]
  receiver: string
  groupWait: number
  routes: Route[]
}
const route: z.ZodType<Route> = z.lazy(() =>
  z.object({
    path: z.array(z.number().int().min(1)),
    matchers: z.array(matcher),
    continue: z.boolean(),
    receiver: z.string(),
    groupBy: z.array(z.string()),
    groupByAll: z.boolean(),
    groupWait: z.number().describe('seconds'),
    groupInterval: z.number().describe('seconds'),
    repeatInterval: z.number().describe('seconds'),
    muteTimeIntervals: z.array(z.string()),
    activeTimeIntervals: z.array(z.string()),
    ...timeState,
    routes: z.array(route),
    line: z.number().int(),
    column: z.number().int(),
  }),
)
const listEntry = z.object({name: z.string(), value: z.number()})
const labels = z.record(z.string(), z.string())
const testFailure = (kind: string, fields: z.ZodRawShape) =>
  z.object({kind: z.literal(kind), line: z.number().int().min(1), evalTime: z.number().describe('seconds'), message: z.string(), ...fields})
const expectedGot = <T extends z.ZodType>(item: T) => ({expected: z.array(item), got: z.array(item)})
const stackServerKind = z.enum(['prometheus', 'alertmanager'])

const deliveryCount = z.object({integration: z.string(), sent: z.number().int(), failed: z.number().int(), reasons: z.array(z.string()).optional()})
const testAlert = z.object({
  id: z.string(),
  mode: z.enum(['alertmanager', 'direct', 'log']),
  channel: z.string().optional(),
  receiver: z.string().optional(),
  allReceivers: z.boolean(),
  plan: z.object({
    channel: z.string().optional(),
    targets: z.array(z.object({receiver: z.string(), labels, reaches: z.array(z.string()), routePath: z.array(z.number().int().min(1)), uniqueLabels: z.array(z.string())})),
    unreachable: z.array(z.object({receiver: z.string(), kind: z.enum(['no-integrations', 'no-route', 'shadowed', 'needs-labels']), reason: z.string()})),
  }),
  alerts: z.array(z.object({labels, annotations: labels, startsAt: time, endsAt: time})),
  sent: z.boolean(),
  forecast: z
    .object({
      groups: z.array(
        z.object({
          receiver: z.string(),
          routePath: z.array(z.number().int().min(1)),
          groupKey: z.string(),
          groupLabels: labels,
          group: z.enum(['fresh', 'existing', 'unknown']),
          groupWait: z.number().describe('seconds'),
          groupInterval: z.number().describe('seconds'),
          within: z.number().describe('seconds'),
          reason: z.string(),
        }),
      ),
      expectedBy: time,
      wait: z.number().describe('seconds'),
      notWaiting: z.string().optional(),
    })
    .optional(),
  peers: z.array(z.object({url: z.string(), accepted: z.boolean(), error: z.string().optional(), receivers: z.record(z.string(), z.array(z.string())), confirmed: z.boolean()})).optional(),
  delivery: z.array(deliveryCount).optional(),
  direct: z
    .array(z.object({receiver: z.string(), integration: z.string(), index: z.number().int().min(1), endpoint: z.string(), ok: z.boolean(), detail: z.string(), action: z.enum(['trigger', 'resolve'])}))
    .optional(),
  preview: z
    .array(
      z.object({
        receiver: z.string(),
        path: z.enum(['route', 'temporary']),
        labels,
        groupKey: z.string(),
        integrations: z.array(z.object({integration: z.string(), index: z.number().int().min(1), fields: z.record(z.string(), z.unknown())})),
        error: z.string().optional(),
      }),
    )
    .optional(),
  temporary: z
    .array(z.object({receiver: z.string(), why: z.string(), binary: z.string().optional(), delivery: z.array(deliveryCount), problems: z.array(z.string()), ok: z.boolean()}))
    .optional(),
  resolvedAt: time.optional(),
  receivers: z.array(
    z.object({
      receiver: z.string(),
      integrations: z.array(z.string()),
      path: z.enum(['route', 'temporary', 'direct', 'none']),
      result: z.enum(['delivered', 'accepted', 'planned', 'printed', 'failed', 'skipped']),
      reason: z.string().optional(),
    }),
  ),
  problems: z.array(z.string()),
  warnings: z.array(z.string()),
  ok: z.boolean(),
})

/** By command id (as in oclif.manifest.json). */
export const COMMAND_SCHEMAS: Record<string, z.ZodType> = {
  'template:render': z.union([
    z.object({output: z.string()}).describe('--template: the rendered text'),
    z.array(z.object({
      integration: z.string().describe('the channel of <integration>_configs: slack, email, webhook, ...'),
      index: z.number().int().min(1).describe('position in the receiver\'s <integration>_configs, from 1'),
      fields: z.record(z.string(), z.union([z.string(), z.record(z.string(), z.unknown()), z.array(z.unknown())])).describe('field name (e.g. title, headers.Subject, payload) -> rendered text or structure'),
    })).describe('--receiver: every templated field of every integration of the receiver'),
  ]),
  status: z.object({
    servers: z.array(
      z.object({
        kind: z.enum(['prometheus', 'alertmanager']),
        url: z.string(),
        reachable: z.boolean(),
        healthy: z.boolean(),
        ready: z.boolean(),
        version: z.string().optional(),
        startedAt: time.optional(),
        uptimeSeconds: z.number().optional(),
        configReloadSuccess: z.boolean().optional(),
        cluster: z.object({status: z.string(), peers: z.number().int(), name: z.string().optional()}).optional(),
        notes: z.array(z.string()).optional(),
        problems: z.array(z.string()),
        ok: z.boolean(),
      }),
    ),
    ok: z.boolean(),
  }),
  'config:show': z.object({
    configFile: z.string(),
    configFileExists: z.boolean(),
    context: z.string().nullable(),
    settings: z.array(z.object({server: z.string(), setting: z.string(), value: z.string(), source: z.string().regex(/^(flag|env|default|context:.+)$/)})),
  }),
  'config:check': findings(false),
  'rules:check': findings(true),
  'context:list': z.array(z.object({name: z.string(), current: z.boolean(), prometheus: z.string(), alertmanager: z.array(z.string())})),
  'context:use': z.object({context: z.string(), configFile: z.string()}),
  'checks:list': z.array(z.object({id: z.string(), summary: z.string(), severity: z.enum(['error', 'warning', 'info']), kinds: z.array(z.string()), docs: z.string()})),
  'alerts:list': z.array(z.object({labels: z.record(z.string(), z.string()), annotations: z.record(z.string(), z.string()), startsAt: time, endsAt: time, status: z.object({state: z.string()}), receivers: z.array(z.object({name: z.string()})), fingerprint: z.string()})),
  'routes:show': route,
  'test-alert': testAlert,
  'routes:test': routeTest,
  'silences:list': z.array(silence),
  'silences:export': z.array(silence),
  'silences:create': z.object({action: z.enum(['created', 'reused', 'dry-run']).or(z.string()), id: z.string().optional(), silence, ...peerFacts, notPropagated: z.array(z.unknown()), warnings: z.array(z.string())}),
  'silences:update': z.object({previousId: z.string(), id: z.string(), newId: z.boolean(), silence, ...peerFacts}),
  'silences:delete': z.object({results: z.array(z.object({id: z.string(), outcome: z.string()})), dryRun: z.boolean(), ...peerFacts}),
  'silences:import': z.object({
    results: z.array(z.object({index: z.number().int().min(1), previousId: z.string().optional(), id: z.string().optional(), outcome: z.string(), error: z.string().optional()})),
    ...peerFacts,
    notPropagated: z.array(z.unknown()),
  }),
  'silences:apply': z.object({
    actions: z.array(
      z.object({
        action: z.enum(['create', 'update', 'expire', 'unchanged']),
        name: z.string(),
        id: z.string().optional(),
        previousId: z.string().optional(),
        startsAt: time,
        endsAt: time,
        matchers: z.array(matcher),
        reason: z.string().optional(),
        error: z.string().optional(),
      }),
    ),
    summary: z.object({create: z.number().int(), update: z.number().int(), expire: z.number().int(), unchanged: z.number().int(), failed: z.number().int()}),
    dryRun: z.boolean(),
    scope: z.string().optional(),
    ...peerFacts,
    notPropagated: z.array(z.unknown()),
    orphans: z.array(z.object({name: z.string(), id: z.string()})),
    warnings: z.array(z.string()),
  }),
  'targets:check': z.object({
    targets: z.array(
      z.object({
        job: z.string(),
        instance: z.string(),
        scrapeUrl: z.string(),
        health: z.enum(['up', 'down', 'unknown']),
        lastError: z.string(),
        lastScrape: time.nullable(),
        lastScrapeDuration: z.number().describe('seconds'),
        scrapeInterval: z.number().describe('seconds').optional(),
        scrapeTimeout: z.number().describe('seconds').optional(),
        labels: z.record(z.string(), z.string()),
      }),
    ),
    jobs: z.array(z.object({job: z.string(), up: z.number().int(), down: z.number().int(), unknown: z.number().int(), dropped: z.number().int()})),
    problems: z.array(z.object({kind: z.string(), severity: z.enum(['error', 'warning']), message: z.string()})),
    ok: z.boolean(),
  }),
  'tsdb:status': z.object({
    headStats: z.object({numSeries: z.number(), numLabelPairs: z.number().optional(), chunkCount: z.number().nullable(), minTime: z.number().nullable(), maxTime: z.number().nullable()}),
    seriesCountByMetricName: z.array(listEntry),
    labelValueCountByLabelName: z.array(listEntry),
    memoryInBytesByLabelName: z.array(listEntry),
    seriesCountByLabelValuePair: z.array(listEntry),
    problems: z.array(z.object({kind: z.string(), value: z.number(), limit: z.number(), message: z.string(), name: z.string().optional()})),
    warnings: z.array(z.string()),
    ok: z.boolean(),
  }),
  'rules:status': z.object({
    groups: z.array(z.object({name: z.string(), file: z.string(), interval: z.number().describe('seconds').optional(), evaluationTime: z.number().describe('seconds').optional(), lastEvaluation: time.optional(), rules: z.number().int()})),
    rules: z.array(
      z.object({
        group: z.string(),
        file: z.string(),
        type: z.enum(['alerting', 'recording']),
        name: z.string(),
        query: z.string(),
        health: z.string(),
        lastError: z.string().optional(),
        evaluationTime: z.number().describe('seconds').optional(),
        lastEvaluation: time.optional(),
        state: z.string().optional(),
        pending: z.number().int(),
        firing: z.number().int(),
      }),
    ),
    problems: z.array(z.object({kind: z.enum(['unhealthy', 'slow', 'missing', 'unexpected', 'changed']), group: z.string(), rule: z.string(), message: z.string(), file: z.string().optional(), line: z.number().int().optional()})),
    compared: z.boolean(),
    ok: z.boolean(),
  }),
  query: z.object({
    expr: z.string(),
    resultType: z.enum(['vector', 'matrix', 'scalar', 'string']),
    time: time.optional(),
    range: z.object({start: time, end: time, step: z.number().describe('seconds')}).optional(),
    result: z.unknown().describe("the API's result, values as strings"),
    warnings: z.array(z.string()),
  }),
  'metrics:check': findings(false).extend({metrics: z.array(z.object({name: z.string(), type: z.string(), series: z.number().int(), percentage: z.number()})).optional()}),
  probe: z.object({
    results: z.array(z.object({url: z.string(), ok: z.boolean(), status: z.number().int().optional(), latencyMs: z.number(), bytes: z.number().int().optional(), error: z.string().optional()})),
    ok: z.boolean(),
  }),
  'rules:test': z.object({
    files: z.array(
      z.object({
        path: z.string(),
        ok: z.boolean(),
        invalid: z.array(z.object({message: z.string(), file: z.string(), line: z.number().int(), column: z.number().int()})),
        warnings: z.array(z.string()),
        skipped: z.number().int(),
        tests: z.array(
          z.object({
            name: z.string(),
            line: z.number().int().min(1),
            ok: z.boolean(),
            failures: z.array(
              z.discriminatedUnion('kind', [
                testFailure('alert', {alertname: z.string(), ...expectedGot(z.object({labels, annotations: labels}))}),
                testFailure('expr', {expr: z.string(), ...expectedGot(z.object({labels, value: z.number().or(z.string()).describe('a number; NaN, +Inf and -Inf as strings')}))}),
                testFailure('rule-error', {rule: z.string()}),
                testFailure('expr-error', {expr: z.string()}),
              ]),
            ),
          }),
        ),
      }),
    ),
    summary: z.object({files: z.number().int(), invalid: z.number().int(), tests: z.number().int(), passed: z.number().int(), failed: z.number().int(), skipped: z.number().int()}),
    coverage: z
      .object({
        rules: z.array(z.object({file: z.string(), group: z.string(), kind: z.enum(['alert', 'record']), name: z.string(), covered: z.boolean(), by: z.string().optional()})),
        covered: z.number().int(),
        total: z.number().int(),
        percent: z.number(),
      })
      .optional()
      .describe('with --coverage or --min-coverage'),
  }),
  'rules:routes': z.object({
    alerts: z.array(
      z.object({
        alert: z.string(),
        file: z.string(),
        line: z.number().int(),
        group: z.string(),
        severity: z.string().nullable(),
        labels,
        unknown: z.record(z.string(), z.string()).describe('label -> why its value is unknown before the alert fires'),
        receivers: z.array(z.string()),
        mayReach: z.array(z.string()),
        pages: z.boolean(),
        inhibitedBy: z.array(z.object({rule: z.number().int().min(1), line: z.number().int(), sourceMatchers: z.array(matcher), sure: z.boolean()})),
      }),
    ),
    receivers: z.array(z.object({name: z.string(), pages: z.boolean(), alerts: z.number().int()})),
    problems: z.array(problem.extend({severity: z.enum(['error', 'warning', 'info']), file: z.string()})),
    summary: z.object({files: z.number().int(), alerts: z.number().int(), errors: z.number().int(), warnings: z.number().int(), infos: z.number().int()}),
  }),
  reload: z.object({
    servers: z.array(
      z.object({
        kind: stackServerKind,
        url: z.string(),
        ok: z.boolean(),
        message: z.string(),
        reloadedAt: time.optional(),
        configHash: z.string().optional().describe('Alertmanager only'),
        changed: z.boolean().optional().describe('Alertmanager only: the config hash changed'),
      }),
    ),
    ok: z.boolean(),
    stackCopy: z.string().optional().describe("the stack's copy of prometheus.yml, rewritten before the reload"),
  }),
  'stack:up': z.object({
    dir: z.string(),
    context: z.string(),
    previousContext: z.string().optional(),
    startedAt: time,
    servers: z.array(
      z.object({
        name: z.string(),
        kind: stackServerKind,
        url: z.string(),
        port: z.number().int(),
        clusterPort: z.number().int().optional().describe('Alertmanager peers of an HA stack'),
        pid: z.number().int(),
        argv: z.array(z.string()),
        log: z.string(),
      }),
    ),
    configFile: z.string(),
  }),
  'stack:status': z.object({
    dir: z.string(),
    context: z.string().nullable().describe('null when no stack was started from dir'),
    servers: z.array(z.object({name: z.string(), url: z.string(), pid: z.number().int(), running: z.boolean(), ready: z.boolean(), log: z.string()})),
  }),
  'stack:logs': z.array(z.object({name: z.string(), log: z.string(), lines: z.array(z.string())})),
  'stack:down': z.object({
    dir: z.string(),
    servers: z.array(z.object({name: z.string(), pid: z.number().int(), result: z.string()})),
    portsInUse: z.array(z.number().int()),
  }),
  init: z.object({
    directory: z.string(),
    receivers: z.array(z.object({name: z.string(), kind: z.string(), integration: z.string()})),
    routing: z.enum(['severity', 'category', 'simple']),
    rules: z.array(z.string()),
    routes: z.object({critical: z.array(z.string()), warning: z.array(z.string()), info: z.array(z.string()), root: z.string()}).partial(),
    files: z.array(z.object({path: z.string(), action: z.string(), secret: z.boolean()})),
    secrets: z.array(z.unknown()),
    notes: z.array(z.string()),
    next: z.array(z.string()),
  }),
}

/** The read commands that take several contexts (--context a,b or --all-contexts). */
export const FLEET_COMMANDS = ['status', 'targets:check', 'rules:status', 'alerts:list', 'tsdb:status'] as const

/** A fleet's output: each context's own output (as with that --context alone) under `result`. */
const fleet = (one: z.ZodType) =>
  z.object({
    contexts: z.array(
      z.object({
        context: z.string(),
        ok: z.boolean(),
        exitCode: z.number().int().min(0).max(3),
        error: z.object({code: z.string(), message: z.string(), hint: z.string().optional(), exitCode: z.number().int()}).optional(),
        result: one.optional(),
      }),
    ),
    ok: z.boolean(),
    exitCode: z.number().int().min(0).max(3).describe('3 if a context could not be reached, else 2 if one could not be run, else 1 if one found problems, else 0'),
  })

export const FLEET_SCHEMAS: Record<string, z.ZodType> = Object.fromEntries(FLEET_COMMANDS.map((id) => [id, fleet(COMMAND_SCHEMAS[id]!)]))
for (const id of FLEET_COMMANDS) COMMAND_SCHEMAS[id] = z.union([COMMAND_SCHEMAS[id]!, FLEET_SCHEMAS[id]!])

/** Commands without a published schema yet, each with the reason (kept short: the README lists them). */
export const SCHEMA_PENDING: Record<string, string> = {
}
export const isPending = (id: string): boolean => id in SCHEMA_PENDING
