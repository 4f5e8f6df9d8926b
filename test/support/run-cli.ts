// Run the built CLI (bin/run.js) as a user would: executed through its shebang, in a clean, isolated environment.
import {spawn} from 'node:child_process'
import {delimiter, dirname} from 'node:path'
import {fileURLToPath} from 'node:url'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const BIN = fileURLToPath(new URL('../../bin/run.js', import.meta.url))

export interface CliResult {
  code: number
  stdout: string
  stderr: string
}

/** `viaNode` runs `node bin/run.js` instead, which skips the shebang (and its NODE_EXTRA_CA_CERTS deferral). */
export function runCli(args: string[], opts: {env?: NodeJS.ProcessEnv; input?: string; cwd?: string; viaNode?: boolean} = {}): Promise<CliResult> {
  // The shebang finds node on PATH: put the node running the tests first.
  const base: NodeJS.ProcessEnv = {PATH: `${dirname(process.execPath)}${delimiter}${process.env.PATH}`, NO_COLOR: '1', HOME: '/nonexistent-spock-home'}
  return new Promise((resolve, reject) => {
    const [cmd, argv] = opts.viaNode ? [process.execPath, [BIN, ...args]] : [BIN, args]
    const child = spawn(cmd, argv, {
      env: {...base, ...opts.env},
      cwd: opts.cwd ?? ROOT,
      stdio: ['pipe', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    // Decoded as a stream: a multi-byte character split across two chunks stays whole.
    child.stdout.setEncoding('utf8')
    child.stderr.setEncoding('utf8')
    child.stdout.on('data', (d: string) => (stdout += d))
    child.stderr.on('data', (d: string) => (stderr += d))
    child.on('error', reject)
    child.on('close', (code) => resolve({code: code ?? -1, stdout, stderr}))
    child.stdin.end(opts.input ?? '')
  })
}
