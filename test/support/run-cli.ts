// Run the built CLI (bin/run.js) as a user would: a child process with a clean, isolated environment.
import {spawn} from 'node:child_process'
import {fileURLToPath} from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

export function runCli(args: string[], opts: {env?: NodeJS.ProcessEnv; input?: string; cwd?: string} = {}): Promise<CliResult> {
  const base: NodeJS.ProcessEnv = {PATH: process.env.PATH, NO_COLOR: '1', HOME: '/nonexistent-spock-home'}
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: {...base, ...opts.env},
      cwd: opts.cwd ?? ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('close', (code) => resolve({code: code ?? -1, stdout, stderr}))
    child.stdin.end(opts.input ?? '')
  })
}
