// Build dist/: dist/main.js (oclif's execute) plus one ESM entry per command and hook (oclif finds them by
// path), shared code split into chunks, so a command loads only what it imports. @oclif/core is bundled in:
// one module graph starts ~40 ms faster than resolving its ~80 files in node_modules.
import {readFileSync, readdirSync, rmSync, statSync} from 'node:fs'
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

rmSync('dist', {recursive: true, force: true})
await build({
  entryPoints: ['src/main.ts', ...walk('src/commands'), ...walk('src/hooks')].filter((f) => f.endsWith('.ts')),
  outdir: 'dist',
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
