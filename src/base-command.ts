// SpockCommand: shared output flags, one rendering switch, one error-to-exit-code mapping.
import {Command, Errors, Flags, type Interfaces} from '@oclif/core'
import type {Connection} from './context/connect.js'
import type {FleetData} from './output/views/fleet.js'
import type {ConnectionFlags} from './context/resolve.js'
import {toSpockError, UsageError, type SpockError} from './errors.js'
import {palette, useColor} from './output/color.js'
import {OUTPUT_ENV, outputFlag} from './output-flags.js'
import {rewordParseError, type CommandShape} from './usage-errors.js'
import {machineForm, normalizeFormat, render, type Format, type RenderOptions, type View} from './output/render.js'

/** What a read command found on one server: its result, whether it found problems, warnings for stderr. */
export interface ContextOutcome<R> {
  result: R
  exitCode?: 0 | 1
  warnings?: readonly string[]
}

type SpockFlags<T extends typeof Command> = Interfaces.InferredFlags<(typeof SpockCommand)['baseFlags'] & T['flags']>
type SpockArgs<T extends typeof Command> = Interfaces.InferredArgs<T['args']>

export abstract class SpockCommand<T extends typeof Command> extends Command {
  static enableJsonFlag = true // --json is the same as -o json
  static baseFlags = {
    output: outputFlag(['table', 'json', 'yaml'] as const, 'Output format: table (alias text), json or yaml.'),
    'no-color': Flags.boolean({helpGroup: 'OUTPUT', summary: 'Disable colour (NO_COLOR also works).'}),
    verbose: Flags.boolean({char: 'v', helpGroup: 'OUTPUT', summary: 'Log requests (secrets redacted) and error details to stderr.'}),
  }

  protected flags!: SpockFlags<T>
  protected args!: SpockArgs<T>
  protected positionals: string[] = []
  private connection?: Connection

  public override async init(): Promise<void> {
    await super.init()
    const ctor = this.ctor as typeof SpockCommand
    const {args, argv, flags} = await this.parse({
      args: ctor.args,
      baseFlags: ctor.baseFlags,
      enableJsonFlag: ctor.enableJsonFlag,
      flags: ctor.flags,
      strict: ctor.strict,
    })
    this.flags = flags as SpockFlags<T>
    this.args = args as SpockArgs<T>
    this.positionals = argv as string[]
  }

  /**
   * spock prints every format itself through emit(), --json and -o json alike, so oclif must not print the
   * result again. As oclif intends, what run() returns is exactly what --json prints (emit returns it).
   */
  public override jsonEnabled(): boolean {
    return false
  }

  /** --json, else -o (or SPOCK_OUTPUT), with `text` read as `table`. */
  protected format(): Format {
    const f = this.flags as unknown as {json?: boolean; output?: string} | undefined
    return f?.json ? 'json' : normalizeFormat((f?.output ?? 'table') as Format)
  }

  protected color(stream: {isTTY?: boolean} = process.stdout): boolean {
    return useColor((this.flags as {'no-color'?: boolean} | undefined)?.['no-color'], process.env, stream)
  }

  protected renderOptions(): RenderOptions {
    return {color: this.color(), tty: Boolean(process.stdout.isTTY), now: new Date(), width: process.stdout.isTTY ? process.stdout.columns : undefined}
  }

  /**
   * The one way results reach stdout: `result` in the chosen format (or IDs only with quiet; or a format the
   * command fixes). Returns the machine form (what json prints), for run() to return.
   */
  protected async emit<R, Row, D = R>(result: R, view: View<R, Row, D>, opts: {quiet?: boolean; format?: Format} = {}): Promise<D> {
    const chosen = opts.format ?? this.format()
    const format = opts.quiet && chosen === 'table' ? 'quiet' : chosen
    this.write(render(result, view, format, this.renderOptions()))
    return machineForm(result, view)
  }

  private write(text: string): void {
    if (text !== '') process.stdout.write(`${text}\n`)
  }

  /** Progress, warnings and summaries go to stderr, in every output format. */
  protected note(message: string): void {
    process.stderr.write(`${message}\n`)
  }

  protected warning(message: string): void {
    const c = palette(this.color(process.stderr))
    process.stderr.write(`${c.yellow('spock: warning:')} ${message}\n`)
  }

  /** Findings are results, not errors: print them, then set the exit code. */
  protected setExitCode(code: 0 | 1): void {
    process.exitCode = code
  }

  protected async connect(): Promise<Connection> {
    if (this.connection) return this.connection
    // Loaded on demand: commands that never talk to a server do not pay for the HTTP layer.
    const {connect} = await import('./context/connect.js')
    this.connection = await connect(this.connectionFlags(), process.env, this.requestLog())
    return this.connection
  }

  /** The connection flags, with a fleet command's --context list (here of at most one) as one name. */
  private connectionFlags(): ConnectionFlags {
    const flags = this.flags as unknown as Omit<ConnectionFlags, 'context'> & {context?: string | string[]}
    return {...flags, context: Array.isArray(flags.context) ? flags.context[0] : flags.context}
  }

  private requestLog(prefix = ''): ((line: string) => void) | undefined {
    return (this.flags as {verbose?: boolean}).verbose ? (line) => this.note(`spock: ${prefix}${line}`) : undefined
  }

  /**
   * A read command against one server, or against the server of each context of a fleet (--context a,b,c or
   * --all-contexts, with the command's flags spread with `fleetFlags`). With one context this is exactly
   * connect, `one`, warnings, emit and the exit code. With a fleet, `one` runs per context (--parallel at a
   * time), a context that fails becomes one row naming the error, and the exit code is the fleet's.
   */
  protected async perContext<R, Row, D>(view: View<R, Row, D>, one: (conn: Connection) => Promise<ContextOutcome<R>>, opts: {quiet?: boolean} = {}): Promise<D | FleetData<D>> {
    const f = this.flags as unknown as {context?: string[]; 'all-contexts'?: boolean; parallel?: number; 'spock-config'?: string}
    const fleet = await import('./health/fleet.js')
    const names = await fleet.fleetContexts({contexts: f.context, all: f['all-contexts'], configFlag: f['spock-config']}, process.env)
    if (!names) {
      const outcome = await one(await this.connect())
      for (const w of outcome.warnings ?? []) this.warning(w)
      const out = await this.emit(outcome.result, view, opts)
      if (outcome.exitCode !== undefined) this.setExitCode(outcome.exitCode)
      return out
    }
    fleet.refuseUrlFlags(this.flags as ConnectionFlags)
    const [{connect}, {fleetView}] = await Promise.all([import('./context/connect.js'), import('./output/views/fleet.js')])
    const env = fleet.fleetEnv(process.env)
    const run = await fleet.runFleet(names, f.parallel ?? fleet.FLEET_PARALLEL, async (name) => {
      const conn = await connect({...this.connectionFlags(), context: name}, env, this.requestLog(`${name}: `))
      try {
        const outcome = await one(conn)
        for (const w of outcome.warnings ?? []) this.warning(`${name}: ${w}`)
        return {result: outcome.result, exitCode: outcome.exitCode ?? 0}
      } finally {
        await conn.close()
      }
    })
    if (opts.quiet) for (const e of run.contexts) if (e.error) this.warning(`${e.context}: ${e.error.message}`)
    const out = await this.emit(run, fleetView(view), opts)
    process.exitCode = run.exitCode
    return out
  }

  public override async finally(err: Error | undefined): Promise<void> {
    await this.connection?.close()
    await super.finally(err)
  }

  public override async catch(err: Error & {exitCode?: number}): Promise<never> {
    if (err instanceof Errors.ExitError) throw err
    const e = fromOclif(err, this.ctor as unknown as CommandShape) ?? toSpockError(err)
    const verbose = (this.flags as {verbose?: boolean} | undefined)?.verbose || Boolean(process.env.DEBUG)
    if (this.format() === 'json' && this.flags) this.write(JSON.stringify({error: e.toJSON()}, null, 2))
    process.stderr.write(formatError(e, this.color(process.stderr), verbose))
    this.exit(e.exitCode)
    throw e
  }
}

function fromOclif(err: Error, cmd: CommandShape): SpockError | undefined {
  if (!(err instanceof Errors.CLIError) && !('parse' in err)) return undefined
  const reworded = rewordParseError(err, cmd, process.argv.slice(2))
  if (reworded) return reworded
  const env = process.env[OUTPUT_ENV]
  const fromEnv = env && !process.argv.some((a) => /^(-o|--output)(=|$)|^-o./.test(a))
  if (fromEnv && err.message.includes(`--output=${env} `)) {
    const formats = /one of: ([^\n]+)/.exec(err.message)?.[1]?.trim()
    return new UsageError(`${OUTPUT_ENV}="${env}" is not an output format of this command${formats ? ` (${formats})` : ''}`, {
      hint: `pass -o to choose another format, or unset ${OUTPUT_ENV}`,
    })
  }
  const message = err.message.split('\n').filter((l) => !/^See more help with/.test(l.trim()))
  return new UsageError(message.join('; ').replace(/\s+/g, ' ').trim(), {hint: 'see --help for the flags and arguments this command takes'})
}

function formatError(e: SpockError, color: boolean, verbose: boolean): string {
  const c = palette(color)
  const lines = [`${c.red('spock: error:')} ${e.message}`]
  if (e.hint) lines.push(`  ${c.dim('hint:')} ${e.hint}`)
  if (verbose && e.cause instanceof Error && e.cause.stack) lines.push(c.dim(e.cause.stack))
  if (verbose && e.message.startsWith('internal error') && e.stack) lines.push(c.dim(e.stack))
  return `${lines.join('\n')}\n`
}
