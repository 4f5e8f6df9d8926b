// Build dist/ and oclif.manifest.json: dist/main.js (oclif's execute) plus one ESM entry per command and hook (oclif finds them by
// path), shared code split into chunks, so a command loads only what it imports. @oclif/core is bundled in:
// one module graph starts ~40 ms faster than resolving its ~80 files in node_modules.
//
// Readers never see a half-built CLI (a test run, or a spock started meanwhile): everything is built into
// .build/stage/ (its own dist/ and manifest) and then renamed into place; when no input changed since the last
// build (a hash of src/, the package files and this script, kept in dist/.inputs), nothing is rebuilt.
// `--force` rebuilds anyway.
import {execFileSync} from 'node:child_process'
import {createHash} from 'node:crypto'
import {copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync} from 'node:fs'
import {join} from 'node:path'
import {build} from 'esbuild'

const walk = (dir) => readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? walk(join(dir, f)) : [join(dir, f)]))

// oclif sorts each plugin's commands with localeCompare; its first call initialises ICU's collator
// (~7-10 ms here, on every run). Command IDs are ASCII, where code-point order is the same order.
const noCollator = {
  name: 'oclif-no-collator',
  setup(b) {
    b.onLoad({filter: /@oclif[\\/]core[\\/]lib[\\/]config[\\/]plugin\.js$/}, async (args) => {
      const from = '.sort((a, b) => a.id.localeCompare(b.id))'
      const source = readFileSync(args.path, 'utf8')
      if (!source.includes(from)) throw new Error(`${args.path}: expected "${from}" (oclif changed: update scripts/build.mjs)`)
      return {contents: source.replace(from, '.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))'), loader: 'js'}
    })
  },
}

// oclif's index checks engines.node with semver at import: it builds semver's ~40 regexes on every run
// (~5-15 ms) and then reads package.json beside __dirname, which is undefined in this ESM bundle, so the
// check always threw into its own catch and never warned. Skip the call: the same (no) output, sooner.
const noEngineCheck = {
  name: 'oclif-no-engine-check',
  setup(b) {
    b.onLoad({filter: /@oclif[\\/]core[\\/]lib[\\/]index\.js$/}, async (args) => {
      const from = '\ncheckNodeVersion();\n'
      const source = readFileSync(args.path, 'utf8')
      if (!source.includes(from)) throw new Error(`${args.path}: expected "${from.trim()}" (oclif changed: update scripts/build.mjs)`)
      return {contents: source.replace(from, '\n'), loader: 'js'}
    })
  },
}


const INPUTS = ['package.json', 'package-lock.json', 'scripts/build.mjs', ...walk('src').sort()]
const hash = createHash('sha256')
for (const f of INPUTS) hash.update(`${f}\0`).update(readFileSync(f)).update('\0')
const inputs = hash.digest('hex')
const STAMP = join('dist', '.inputs')
const fresh = existsSync(STAMP) && existsSync('oclif.manifest.json') && readFileSync(STAMP, 'utf8') === inputs
if (fresh && !process.argv.includes('--force')) {
  console.log('build: dist/ is up to date')
  process.exit(0)
}

// One stage per build (a second build at the same time gets its own), inside the checkout so that node_modules
// resolves as it does for dist/.
const stage = join('.build', `stage-${process.pid}`)
rmSync(stage, {recursive: true, force: true})
mkdirSync(stage, {recursive: true})
await build({
  entryPoints: ['src/main.ts', ...walk('src/commands'), ...walk('src/hooks')].filter((f) => f.endsWith('.ts')),
  outdir: join(stage, 'dist'),
  outbase: 'src',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // oclif requires typescript only to run a plugin from its .ts sources, which spock never does.
  external: ['typescript'],
  // CommonJS dependencies call require(); give the ESM bundle one.
  banner: {js: "import {createRequire as __spockRequire} from 'node:module'; const require = __spockRequire(import.meta.url);"},
  logLevel: 'warning',
  plugins: [noCollator, noEngineCheck],
})

writeFileSync(join(stage, 'dist', '.inputs'), inputs)
// oclif reads the commands from package.json's paths, relative to the root it is given: the stage.
copyFileSync('package.json', join(stage, 'package.json'))
// It first deletes oclif.manifest.json in its working directory: run it in the stage. Its update check (a
// background process that later prints "oclif update available" into whatever runs next) is off.
execFileSync(process.execPath, [join(process.cwd(), 'node_modules', 'oclif', 'bin', 'run.js'), 'manifest', '.'], {cwd: stage, stdio: ['ignore', 'ignore', 'inherit'], env: {...process.env, OCLIF_SKIP_NEW_VERSION_CHECK: 'true'}})

// The swap: dist/ moves aside and the new one takes its place (two renames, microseconds apart); the manifest
// is replaced by one rename.
const old = join('.build', `old-${process.pid}`)
if (existsSync('dist')) renameSync('dist', old)
renameSync(join(stage, 'dist'), 'dist')
renameSync(join(stage, 'oclif.manifest.json'), 'oclif.manifest.json')
rmSync(old, {recursive: true, force: true})
rmSync(stage, {recursive: true, force: true})
