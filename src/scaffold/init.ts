// spock init: render config-templates/ into a directory from the choices. Never overwrites a file without force,
// never writes through a symlink, and gives the same verdict with --dry-run as without.
import {randomBytes} from 'node:crypto'
import {existsSync, readFileSync} from 'node:fs'
import {lstat, open, rename, unlink} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {UsageError} from '../errors.js'
import {buildRoute, categoriesOf, GENERATED_MARKER, groupLabels, planRoutes, renderInhibit, renderReceiver, renderRoute, templateFile, type RoutePlan} from './alertmanager.js'
import {ensureDirectory, fsWhy} from './dirs.js'
import type {InitChoices, ReceiverSpec} from './options.js'
import {checkScrapes, renderPrometheus, renderRules} from './prometheus.js'
import {fillSecrets, parseEnvFile, secretFiles, type SecretFile} from './secrets.js'

interface InitOptions {
  templatesDir: string
  targetDir: string
  choices: InitChoices
  /** Where the *_file secrets live (default DIR/secrets, written as an absolute path). */
  secretsDir?: string
  /** Text and name of a .env file whose variables become secret files. */
  envFile?: {path: string; text: string}
  force: boolean
  dryRun: boolean
}

type Action = 'created' | 'overwritten' | 'would create' | 'would overwrite'

export interface InitResult {
  directory: string
  receivers: {name: string; kind: string; integration: string}[]
  routing: InitChoices['routing']
  rules: InitChoices['rules']
  routes: RoutePlan
  files: {path: string; action: Action; secret: boolean; content?: string}[]
  /** Secret files the configs point at, and whether init wrote them. */
  secrets: {path: string; receiver: string; env: string[]; written: boolean}[]
  notes: string[]
  dryRun: boolean
  next: string[] // commands to run next
}

interface Planned {
  name: string // relative to the directory, or absolute for secrets outside it
  text: string
  secret: boolean
}

/** Every file init would write, and what else it has to say; pure apart from reading the templates. */
function renderProject(templatesDir: string, dir: string, o: Pick<InitOptions, 'choices' | 'secretsDir' | 'envFile'>): {files: Planned[]; secrets: SecretFile[]; plan: RoutePlan; notes: string[]; integrations: Record<string, string>} {
  const c = o.choices
  checkScrapes(c)
  const read = (name: string) => readFileSync(join(templatesDir, name), 'utf8')
  const secretsDir = resolve(dir, o.secretsDir ?? 'secrets')
  const notes: string[] = []
  const receivers: ReceiverSpec[] = [...c.receivers]
  if (c.routing !== 'simple' && !receivers.some((r) => r.kind === 'log')) receivers.push({kind: 'log', name: 'log'})
  const categories = categoriesOf(c.rules)
  const plan = planRoutes(receivers, c.routing, categories)
  if (c.routing !== 'simple' && plan.warning.length === 1 && plan.warning[0] === plan.info[0]) notes.push('warning alerts have no chat or webhook receiver, so they go to "log" only')

  // Receivers: the user's, the per-category Slack copies, and the Watchdog's.
  const integrations: Record<string, string> = {}
  const blocks: string[] = []
  const secrets: SecretFile[] = []
  if (c.rules.includes('meta')) blocks.push(renderReceiver('# point it at a dead man\'s switch service; it gets the always-firing Watchdog\n- name: __NAME__\n', 'watchdog', secretsDir))
  for (const r of receivers) {
    const file = templateFile(r.kind, c.alertmanagerVersion, (f) => existsSync(join(templatesDir, f)))
    const text = read(file)
    integrations[r.name] = /^\s*([a-z]+)_configs:/m.exec(text)?.[1] ?? 'none'
    if (file.includes('-0.25')) notes.push(`${r.name}: ${text.split('\n')[0]!.replace(/^#\s*/, '')} (see the comment in alertmanager.yml)`)
    const rendered = renderReceiver(text, r.name, secretsDir)
    blocks.push(rendered)
    secrets.push(...secretFiles(rendered, r))
    if (c.routing === 'category' && r.kind === 'slack') {
      for (const cat of categories) blocks.push(renderReceiver(text.replace(/^#.*\n/gm, ''), `${r.name}-${cat}`, secretsDir, {channel: `#alerts-${cat}`}).replace(`${r.name}-${cat}-webhook-url`, `${r.name}-webhook-url`))
    }
  }
  const groupBy = groupLabels(c)
  const header = read('alertmanager.yml')
  const at = header.indexOf(`\n${GENERATED_MARKER}`)
  if (at < 0) throw new UsageError(`config-templates/alertmanager.yml has no "${GENERATED_MARKER}" line`, {hint: 'restore the template from the spock package'})
  const am = [
    header.slice(0, at).trimEnd(),
    '',
    renderRoute(buildRoute(c, plan, groupBy)),
    '',
    renderInhibit(groupBy),
    '',
    'receivers:',
    blocks.join('\n'),
    '',
  ].join('\n')

  const files: Planned[] = [
    {name: 'prometheus.yml', text: renderPrometheus(read('prometheus.yml'), c), secret: false},
    {name: 'alerts.yml', text: c.rules.length > 0 ? renderRules(c, (p) => read(`rules/${p}.yml`)) : 'groups: []\n', secret: false},
    {name: 'alertmanager.yml', text: am, secret: false},
  ]
  if (o.envFile) {
    const vars = parseEnvFile(o.envFile.text, o.envFile.path)
    const kindOf = (name: string) => receivers.find((r) => r.name === name)?.kind
    const unused = fillSecrets(secrets, vars, kindOf, (name) => integrations[name] === 'slack')
    if (unused.length > 0) notes.push(`${o.envFile.path}: not used: ${unused.join(', ')} (known: ${secrets.flatMap((s) => s.env.slice(0, 1)).join(', ') || 'none'})`)
    for (const s of secrets) if (s.value !== undefined) files.push({name: s.path, text: s.value, secret: true})
  }
  return {files, secrets, plan, notes, integrations}
}

export async function initProject(o: InitOptions): Promise<InitResult> {
  const dir = resolve(o.targetDir)
  await ensureDirectory(dir, true) // refuse a file, /proc, /sys before anything else
  const {files, secrets, plan, notes, integrations} = renderProject(o.templatesDir, dir, o)
  const paths = files.map((f) => resolve(dir, f.name))
  const found = await Promise.all(paths.map((p) => lstat(p).catch(() => undefined)))
  const existing = paths.filter((_, i) => found[i] !== undefined)
  const dirInWay = paths.find((_, i) => found[i]?.isDirectory())
  if (dirInWay) throw new UsageError(`${dirInWay} is a directory; nothing was written`, {hint: 'move it away, or choose another directory'})
  if (existing.length > 0 && !o.force) {
    throw new UsageError(`${existing.join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing ${o.dryRun ? 'would be' : 'was'} written`, {
      hint: 'choose another directory, or add --force to overwrite them',
    })
  }
  const secretsDir = resolve(dir, o.secretsDir ?? 'secrets')
  const secretsSt = await lstat(secretsDir).catch(() => undefined)
  if (secretsSt?.isSymbolicLink()) throw new UsageError(`${secretsDir} is a symbolic link; spock init never writes through one`, {hint: 'replace it with a directory, or pass --secrets-dir'})
  if (!o.dryRun) {
    await ensureDirectory(dir, false)
    if (files.some((f) => f.secret)) await ensureDirectory(secretsDir, false, 0o700)
  }
  const result: InitResult = {
    directory: dir,
    receivers: o.choices.receivers.map((r) => ({name: r.name, kind: r.kind, integration: integrations[r.name] ?? 'none'})),
    routing: o.choices.routing,
    rules: o.choices.rules,
    routes: plan,
    files: [],
    secrets: secrets.map((s) => ({path: s.path, receiver: s.receiver, env: s.env, written: s.value !== undefined})),
    notes,
    dryRun: o.dryRun,
    next: [],
  }
  for (const [i, f] of files.entries()) {
    const path = paths[i]!
    const had = existing.includes(path)
    if (!o.dryRun) {
      try {
        await writeReplacing(path, f.text, f.secret ? 0o600 : undefined)
      } catch (e) {
        throw new UsageError(`cannot write ${path}: ${fsWhy(e)}`, {hint: 'check the directory and its permissions'})
      }
    }
    const action: Action = o.dryRun ? (had ? 'would overwrite' : 'would create') : had ? 'overwritten' : 'created'
    result.files.push({path, action, secret: f.secret, ...(o.dryRun && !f.secret ? {content: f.text} : {})})
  }
  const missing = result.secrets.filter((s) => !s.written)
  if (missing.length > 0) notes.push(`put each secret in its file (mode 0600), or pass --env-file .env with ${missing.map((s) => s.env[0]).join(', ')}`)
  result.next = [
    `spock config check ${join(dir, 'prometheus.yml')} ${join(dir, 'alertmanager.yml')}`,
    `spock routes test --config ${join(dir, 'alertmanager.yml')} severity=critical`,
    `spock stack up --dir ${dir}`,
  ]
  return result
}

/**
 * Write beside, then rename: a crash never leaves a half-written config. The temp file gets a fresh
 * random name and is created with O_EXCL, so nothing planted there (a symlink) is ever written through.
 * A file being replaced keeps its mode (a 0600 file stays 0600); `mode` forces one (secrets: 0600).
 */
async function writeReplacing(path: string, text: string, forceMode?: number): Promise<void> {
  const old = await lstat(path).catch(() => undefined)
  const mode = forceMode ?? (old?.isFile() ? old.mode & 0o7777 : undefined)
  const tmp = `${path}.spock-tmp-${randomBytes(6).toString('hex')}`
  const fh = await open(tmp, 'wx', mode ?? 0o666)
  try {
    await fh.writeFile(text)
    if (mode !== undefined) await fh.chmod(mode) // exactly this mode, whatever the umask
  } catch (e) {
    await fh.close()
    await unlink(tmp).catch(() => undefined)
    throw e
  }
  await fh.close()
  try {
    await rename(tmp, path)
  } catch (e) {
    await unlink(tmp).catch(() => undefined)
    throw e
  }
}
export {RECEIVER_KINDS} from './options.js'
