import {join} from 'node:path'
import {createInterface} from 'node:readline/promises'
import {Args, Flags} from '@oclif/core'
import {SpockCommand} from '../base-command.js'
import {readFileSafe} from '../files/read.js'
import {initView} from '../output/views/init.js'
import {initProject, type InitResult} from '../scaffold/init.js'
import {
  AM_VERSIONS, checkInterval, checkPrefix, checkSlo, parseLabels, parseList, parseReceivers, parseScrape,
  RECEIVER_KINDS, ROUTINGS, RULE_PACKS, type InitChoices, type RulePack,
} from '../scaffold/options.js'

export default class Init extends SpockCommand<typeof Init> {
  static summary = 'Write prometheus.yml, alerts.yml and alertmanager.yml shaped by receivers, routing, scrape targets, regions and rule packs.'
  static description = `The output passes promtool and amtool. Refuses to overwrite existing files unless --force is given (--dry-run gives the same verdict and prints the files). Secrets are referenced through *_file fields under secrets/, never written inline; --env-file turns SLACK_WEBHOOK_URL=...-style variables into those files (mode 0600). On a terminal without --yes and without shaping flags, asks for each choice.`
  static examples = [
    '<%= config.bin %> <%= command.id %> demo --rules meta,api --receiver webhook',
    '<%= config.bin %> <%= command.id %> trading --scrape collector=collector:8000 --interval 15s --regions kr,us,cn,hk,jp,vn --rules meta,data-quality,api,health --receiver email --receiver slack --receiver webhook',
    '<%= config.bin %> <%= command.id %> platform --routing category --rules meta,api,system,health,slo --receiver slack --receiver pagerduty --receiver email --receiver webhook',
    '<%= config.bin %> <%= command.id %> bot --receiver discord --receiver telegram --receiver log --alertmanager-version latest --env-file .env',
  ]
  static args = {directory: Args.string({description: 'Where to write the files (created if missing)', default: '.'})}
  static flags = {
    receiver: Flags.string({multiple: true, summary: `Receiver KIND[=NAME]; repeatable. Kinds: ${RECEIVER_KINDS.join(', ')} (default webhook).`, helpValue: 'KIND[=NAME]'}),
    routing: Flags.option({options: ROUTINGS, summary: 'Routing preset: severity (critical to all, warning to chat+webhook, info to log), category (adds per-category routes), simple (all to all).'})(),
    scrape: Flags.string({multiple: true, summary: 'App scrape target [JOB=]HOST:PORT[/PATH]; repeatable; {region} in HOST becomes each region.', helpValue: '[JOB=]HOST:PORT[/PATH]'}),
    interval: Flags.string({summary: 'Scrape and rule evaluation interval (default 30s).', helpValue: '15s'}),
    label: Flags.string({multiple: true, summary: 'Target label k=v added to every app target; repeatable.', helpValue: 'k=v'}),
    regions: Flags.string({summary: 'Regions, comma-separated: one target group with a region label each; region joins group_by.', helpValue: 'kr,us'}),
    rules: Flags.string({summary: `Rule packs, comma-separated: ${RULE_PACKS.join(', ')} (default meta).`, helpValue: 'PACK,...'}),
    'metric-prefix': Flags.string({summary: 'Prefix of the app metrics in the data-quality, api, health and slo packs (default app_).'}),
    slo: Flags.string({summary: 'Availability target in percent for the slo pack (default 99.9).', helpValue: '99.9'}),
    'alertmanager-version': Flags.option({options: AM_VERSIONS, default: '0.25' as const, summary: 'Alertmanager syntax: 0.25 (Debian) or latest (discord/telegram/msteams/webhook *_file fields).'})(),
    'prometheus-version': Flags.string({summary: 'Prometheus version the rules are checked for in the next steps (default 2.42).', default: '2.42'}),
    'secrets-dir': Flags.string({summary: 'Directory the *_file fields point into (default DIR/secrets).'}),
    'env-file': Flags.string({summary: 'Turn NAME=VALUE lines (e.g. SLACK_WEBHOOK_URL) into the secret files, mode 0600.', helpValue: '.env'}),
    yes: Flags.boolean({char: 'y', summary: 'Never ask; use the flags and defaults.'}),
    force: Flags.boolean({summary: 'Overwrite files that already exist.'}),
    'dry-run': Flags.boolean({summary: 'Print the files that would be written, write nothing (same verdict as a real run).'}),
  }

  async run(): Promise<InitResult> {
    const f = this.flags
    if (this.shouldAsk()) await this.ask()
    const rules = parseList<RulePack>('rules', f.rules, RULE_PACKS, ['meta'])
    const choices: InitChoices = {
      receivers: parseReceivers(f.receiver ?? []),
      routing: f.routing ?? 'severity',
      scrapes: (f.scrape ?? []).map(parseScrape),
      interval: checkInterval(f.interval ?? '30s'),
      labels: parseLabels(f.label ?? []),
      regions: parseList('regions', f.regions, /^[a-z0-9][a-z0-9_-]*$/, []),
      rules,
      metricPrefix: checkPrefix(f['metric-prefix']),
      slo: checkSlo(f.slo),
      alertmanagerVersion: f['alertmanager-version'],
      prometheusVersion: f['prometheus-version'],
    }
    const envFile = f['env-file'] ? {path: f['env-file'], text: (await readFileSafe(f['env-file'], {maxBytes: 1024 * 1024})).toString('utf8')} : undefined
    const result = await initProject({
      templatesDir: join(this.config.root, 'config-templates'),
      targetDir: this.args.directory,
      choices,
      secretsDir: f['secrets-dir'],
      envFile,
      force: f.force,
      dryRun: f['dry-run'],
    })
    result.next[1] = `spock rules check ${join(result.directory, 'alerts.yml')} --prometheus-version ${choices.prometheusVersion}`
    return this.emit(result, initView)
  }

  /** Prompts only on a terminal, without --yes, and when no flag already shapes the output. */
  private shouldAsk(): boolean {
    const f = this.flags
    const shaped = f.receiver || f.routing || f.scrape || f.rules || f.regions
    return Boolean(process.stdin.isTTY && process.stdout.isTTY && !f.yes && !shaped && this.format() === 'table')
  }

  private async ask(): Promise<void> {
    const rl = createInterface({input: process.stdin, output: process.stderr})
    const f = this.flags as Record<string, unknown>
    const q = async (text: string, def: string): Promise<string> => (await rl.question(`${text} [${def}]: `)).trim() || def
    try {
      f.receiver = (await q(`Receivers, comma-separated KIND[=NAME] (${RECEIVER_KINDS.join(', ')})`, 'webhook')).split(',').map((s) => s.trim()).filter(Boolean)
      f.routing = await q(`Routing (${ROUTINGS.join(', ')})`, 'severity')
      if (!(ROUTINGS as readonly string[]).includes(f.routing as string)) f.routing = 'severity'
      f.rules = await q(`Rule packs (${RULE_PACKS.join(', ')})`, 'meta')
      const scrape = await q('App scrape targets, comma-separated [JOB=]HOST:PORT[/PATH] (none: -)', '-')
      f.scrape = scrape === '-' ? [] : scrape.split(',').map((s) => s.trim()).filter(Boolean)
      const regions = await q('Regions, comma-separated (none: -)', '-')
      f.regions = regions === '-' ? undefined : regions
    } finally {
      rl.close()
    }
  }
}
