// Go signatures for template functions written in JS, so that argument
// checks and messages are Go's (`wrong number of args`, `expected string; found 3`).

/** A parameter type: the basic ones, `any` (interface{}), or a named type with a test. */
export type GoParam =
  | 'any'
  | 'string'
  | 'int'
  | 'float64'
  | 'bool'
  | {name: string; test: (v: unknown) => boolean; nilable: boolean}

interface GoSignature {
  params: GoParam[]
  /** Type of the ... parameter, when the function is variadic. */
  variadic?: GoParam
}

export type TemplateFunc = (...args: never[]) => unknown

const GO_SIG = Symbol.for('spock.goSignature')

/** Attach a Go signature to a function; without one, any number of args of any type is accepted. */
export function goFunc<F extends TemplateFunc>(params: GoParam[], fn: F, variadic?: GoParam): F {
  const f = signatureOf(fn) === undefined && !Object.isFrozen(fn) && !SHARED.has(fn) ? fn : (((...a: never[]) => fn(...a)) as F)
  SHARED.add(fn)
  Object.defineProperty(f, GO_SIG, {value: {params, variadic} satisfies GoSignature, enumerable: false})
  return f
}
const SHARED = new WeakSet<object>()

export function signatureOf(fn: unknown): GoSignature | undefined {
  return (fn as Record<symbol, GoSignature | undefined>)[GO_SIG]
}

export function paramName(p: GoParam): string {
  if (p === 'any') return 'interface {}'
  return typeof p === 'string' ? p : p.name
}

/**
 * A Go error returned by a template function: exec reports it as
 * `error calling NAME: MESSAGE`. (Any thrown Error works the same.)
 */
export class GoFuncError extends Error {}
