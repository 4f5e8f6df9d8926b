// Appending one array to another without `push(...items)`, which passes every item as an argument and
// throws RangeError ("Maximum call stack size exceeded") past ~125k items.

/** Appends `items` to `target` in place and returns `target`. */
export function append<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item)
  return target
}
