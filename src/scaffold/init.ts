// spock init: render config-templates/ into a directory. Never overwrites a file without force.
import {randomBytes} from 'node:crypto'
import {lstat, mkdir, open, readFile, rename, unlink} from 'node:fs/promises'
import {join, resolve} from 'node:path'
import {UsageError} from '../errors.js'

export const RECEIVER_KINDS = ['webhook', 'slack', 'email', 'pagerduty'] as const
export type ReceiverKind = (typeof RECEIVER_KINDS)[number]

export interface InitOptions {
  templatesDir: string
  targetDir: string
  receiver: ReceiverKind
  force: boolean
  dryRun: boolean
}

export interface InitResult {
  directory: string
  receiver: ReceiverKind
  files: {path: string; action: 'created' | 'overwritten' | 'would create' | 'would overwrite'}[]
  next: string[] // commands to run next
}

const MARKER = '# spock:receiver'

/** The files and their text; pure apart from reading the templates. */
export async function renderTemplates(templatesDir: string, receiver: ReceiverKind): Promise<Record<string, string>> {
  const read = (name: string) => readFile(join(templatesDir, name), 'utf8')
  const [prometheus, alerts, alertmanager, receiverText] = await Promise.all([
    read('prometheus.yml'),
    read('alerts.yml'),
    read('alertmanager.yml'),
    read(join('receivers', `${receiver}.yml`)),
  ])
  return {'prometheus.yml': prometheus, 'alerts.yml': alerts, 'alertmanager.yml': withReceiver(alertmanager, receiverText)}
}

/** Replace everything after the marker line with the receiver template, indented under "receivers:". */
export function withReceiver(alertmanager: string, receiver: string): string {
  const lines = alertmanager.split('\n')
  const at = lines.findIndex((l) => l.trim().startsWith(MARKER))
  if (at < 0) throw new UsageError(`config-templates/alertmanager.yml has no "${MARKER}" line`, {hint: 'restore the template from the spock package'})
  const body = receiver.trimEnd().split('\n').map((l) => (l ? `  ${l}` : l))
  return [...lines.slice(0, at + 1), ...body, ''].join('\n')
}

export async function initProject(o: InitOptions): Promise<InitResult> {
  const dir = resolve(o.targetDir)
  const files = await renderTemplates(o.templatesDir, o.receiver)
  const existing = (await Promise.all(Object.keys(files).map(async (f) => ((await exists(join(dir, f))) ? f : undefined)))).filter(Boolean) as string[]
  if (existing.length > 0 && !o.force && !o.dryRun) {
    throw new UsageError(`${existing.map((f) => join(dir, f)).join(', ')} already exist${existing.length === 1 ? 's' : ''}; nothing was written`, {
      hint: 'choose another directory, or add --force to overwrite them',
    })
  }
  const result: InitResult = {directory: dir, receiver: o.receiver, files: [], next: []}
  if (!o.dryRun) await mkdir(dir, {recursive: true})
  for (const [name, text] of Object.entries(files)) {
    const path = join(dir, name)
    const had = existing.includes(name)
    if (!o.dryRun) await writeReplacing(path, text)
    result.files.push({path, action: o.dryRun ? (had ? 'would overwrite' : 'would create') : had ? 'overwritten' : 'created'})
  }
  result.next = [
    `spock config check ${join(dir, 'prometheus.yml')} ${join(dir, 'alertmanager.yml')}`,
    `spock rules check ${join(dir, 'alerts.yml')}`,
    'spock test-alert --receiver default --dry-run',
  ]
  return result
}

/**
 * Write beside, then rename: a crash never leaves a half-written config. The temp file gets a fresh
 * random name and is created with O_EXCL, so nothing planted there (a symlink) is ever written through.
 * A file being replaced keeps its mode (a 0600 file stays 0600).
 */
export async function writeReplacing(path: string, text: string): Promise<void> {
  const old = await lstat(path).catch(() => undefined)
  const mode = old?.isFile() ? old.mode & 0o7777 : undefined
  const tmp = `${path}.spock-tmp-${randomBytes(6).toString('hex')}`
  const fh = await open(tmp, 'wx', mode ?? 0o666)
  try {
    await fh.writeFile(text)
    if (mode !== undefined) await fh.chmod(mode) // exactly the old mode, whatever the umask
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

/** Anything at the path counts, a dangling symlink too. */
async function exists(path: string): Promise<boolean> {
  return (await lstat(path).catch(() => undefined)) !== undefined
}
