// What promtool's checkConfig adds to config.Load: rule files exist, TLS cert/key pairs, credential
// and TLS files exist, file_sd files parse (a missing one is only a warning).
import {basename} from 'node:path'
import type {Decoder, Pos} from '../../yaml/decode.js'
import {GlobError, notRegular, type GlobMatch} from '../../files/glob.js'
import {FileError} from '../../files/read.js'
import {glob, resolveAgainst, type ConfigFs} from './fs.js'
import {targetGroupsProblems} from './target-groups.js'
import {targetProblems} from './targets.js'

type Obj = Record<string, unknown>
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter((x): x is Obj => typeof x === 'object' && x !== null) : [])
const str = (v: unknown): string => (typeof v === 'string' ? v : '')

interface FileCheckContext {
  cfg: Obj
  d: Decoder
  path: string // the config file
  fs: ConfigFs
  syntaxOnly: boolean
}

/** Checks the files the config names; returns the rule files found (empty with syntaxOnly). */
export function checkFiles(ctx: FileCheckContext): string[] {
  const {cfg, d, syntaxOnly} = ctx
  const ruleFiles: string[] = []
  if (!syntaxOnly) {
    for (const entry of (cfg.rule_files as unknown[] | undefined) ?? []) {
      const rf = typeof entry === 'string' ? entry : '' // a null entry is the empty path
      const resolved = resolveAgainst(ctx.path, rf)
      const at = d.at(cfg, 'rule_files')
      const found = boundedGlob(ctx, resolved, (why, hint) => d.report(at, `rule_files ${JSON.stringify(rf)} ${why}`, {check: 'prom/rule-files', hint}))
      if (!found) continue
      if (!rf.includes('*') && found.length === 0) {
        d.report(at, `${JSON.stringify(rf)} does not point to an existing file`, {check: 'prom/rule-files', hint: `create ${resolved} or fix the path (relative paths start at the config file's directory)`})
      }
      const others = found.filter((m) => m.kind !== 'file')
      if (others.length > 0) {
        d.report(at, `rule_files ${JSON.stringify(rf)}: ${notRegular(others)}`, {check: 'prom/rule-files', hint: 'rule files must be regular files; name them, or narrow the pattern (e.g. rules/*.yml)'})
      }
      ruleFiles.push(...found.filter((m) => m.kind === 'file').map((m) => m.path))
    }
  }
  for (const sc of objects(cfg.scrape_configs)) {
    const auth = sc.authorization as Obj | undefined
    const credentials = str(auth?.credentials_file) || str(sc.bearer_token_file)
    if (!syntaxOnly && credentials !== '') {
      const at = auth?.credentials_file ? d.at(auth, 'credentials_file') : d.at(sc, 'bearer_token_file')
      mustExist(ctx, credentials, at, 'authorization credentials or bearer token file')
    }
    checkTls(ctx, sc.tls_config as Obj | undefined, d.keyAt(sc, 'tls_config'))
    for (const k of objects(sc.kubernetes_sd_configs)) checkTls(ctx, k.tls_config as Obj | undefined, d.keyAt(sc, 'kubernetes_sd_configs'))
    if (!syntaxOnly) fileSd(ctx, sc, `scrape job ${JSON.stringify(str(sc.job_name))}`, 'scrape')
    relabelledStatic(ctx, sc, 'scrape')
  }
  const alerting = (cfg.alerting as Obj | undefined) ?? {}
  for (const am of objects(alerting.alertmanagers)) {
    if (!syntaxOnly) fileSd(ctx, am, 'alertmanager config', 'alertmanager')
    relabelledStatic(ctx, am, 'alertmanager') // promtool checks static targets even with --syntax-only
  }
  return ruleFiles
}

function mustExist(ctx: FileCheckContext, file: string, at: Pos, what: string): void {
  const resolved = resolveAgainst(ctx.path, file)
  if (!ctx.fs.exists(resolved)) {
    ctx.d.report(at, `error checking ${what} ${JSON.stringify(file)}: stat ${resolved}: no such file or directory`, {check: 'prom/files', hint: `create ${resolved} or fix the path (relative paths start at the config file's directory)`})
  }
}

function checkTls(ctx: FileCheckContext, tls: Obj | undefined, at: Pos): void {
  if (!tls) return
  const cert = str(tls.cert_file)
  const key = str(tls.key_file)
  const pos = (f: string) => (ctx.d.has(tls, f) ? ctx.d.at(tls, f) : at)
  if (cert !== '' && key === '') ctx.d.report(pos('cert_file'), `client cert file ${JSON.stringify(cert)} specified without client key file`, {check: 'prom/files', hint: 'set tls_config.key_file too'})
  if (key !== '' && cert === '') ctx.d.report(pos('key_file'), `client key file ${JSON.stringify(key)} specified without client cert file`, {check: 'prom/files', hint: 'set tls_config.cert_file too'})
  if (ctx.syntaxOnly || cert === '' || key === '') return
  mustExist(ctx, cert, pos('cert_file'), 'client cert file')
  mustExist(ctx, key, pos('key_file'), 'client key file')
}

function fileSd(ctx: FileCheckContext, owner: Obj, who: string, kind: 'scrape' | 'alertmanager'): void {
  const {d} = ctx
  for (const sd of objects(owner.file_sd_configs)) {
    for (const f of (sd.files as unknown[] | undefined) ?? []) {
      if (typeof f !== 'string') continue
      const at = d.at(sd, 'files')
      const found = boundedGlob(ctx, resolveAgainst(ctx.path, f), (why, hint) => d.report(at, `file_sd files ${JSON.stringify(f)} ${why}`, {check: 'prom/files', hint}))
      if (!found) continue
      if (found.length === 0) {
        d.report(at, `file ${JSON.stringify(f)} for file_sd in ${who} does not exist`, {check: 'prom/files', severity: 'warning', hint: 'create the file or fix the path; Prometheus waits for it and discovers nothing meanwhile'})
        continue
      }
      const others = found.filter((m) => m.kind !== 'file')
      if (others.length > 0) {
        d.report(at, `file_sd files ${JSON.stringify(f)}: ${notRegular(others)}`, {check: 'prom/files', hint: 'file_sd files must be regular .json, .yml or .yaml files; narrow the pattern'})
      }
      for (const {path: file} of found.filter((m) => m.kind === 'file')) {
        let messages: string[]
        try {
          messages = targetGroupsProblems(ctx.fs, file, owner, kind)
        } catch (e) {
          if (!(e instanceof FileError)) throw e
          d.report(at, `checking SD file ${JSON.stringify(basename(file))}: ${e.why}`, {check: 'prom/files', hint: e.hint ?? 'check the file'})
          continue
        }
        for (const message of messages) {
          d.report(at, `checking SD file ${JSON.stringify(basename(file))}: ${message}`, {check: 'prom/files', hint: 'fix the file_sd file: a list of {targets: [host:port], labels: {...}}'})
        }
      }
    }
  }
}

/** The glob's matches, or undefined after reporting a pattern past the bounds (or malformed). */
function boundedGlob(ctx: FileCheckContext, pattern: string, report: (why: string, hint: string) => void): GlobMatch[] | undefined {
  try {
    return glob(ctx.fs, pattern)
  } catch (e) {
    if (!(e instanceof GlobError)) throw e
    report(e.why, e.hint ?? 'narrow the pattern')
    return undefined
  }
}

/** Static targets of a job with relabel rules: checked where relabelling leaves them (config.Load checks the others). */
function relabelledStatic(ctx: FileCheckContext, owner: Obj, kind: 'scrape' | 'alertmanager'): void {
  if (objects(owner.relabel_configs).length === 0) return
  objects(owner.static_configs).forEach((sc, i) => {
    for (const message of targetProblems([sc], owner, kind, i)) {
      ctx.d.report(ctx.d.at(sc, 'targets'), message, {check: 'prom/scrape', hint: 'after relabelling, __address__ must be host:port; set scheme and metrics_path separately'})
    }
  })
}
