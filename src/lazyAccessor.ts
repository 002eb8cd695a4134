// Own accessor properties read lazily (an analysis' `uses`, a lowered call's arguments, a method's
// body) without tying a file's data to the old generation of V8's heap.
//
// V8 allocates the pair of functions behind an accessor property (its AccessorPair) in the old
// generation. A getter that is a closure over one file's data is young, so the old pair points at
// young memory, and the young-generation collector (the scavenger) takes every such pointer as a
// root until a full collection finds the pair dead: the closure, and all that its scope holds (a
// whole file's reader, its lowered statements), survives every scavenge after the file is done,
// is copied twice and promoted, and dies only in the next full collection. In `check` over the bench
// tree that was ~100 KB of each file, ~760 KB copied and ~760 KB promoted at every scavenge.
// Here the accessor's functions are shared (one per property name, made once), so the old pair
// points only at old functions; each object's own getters and setters live in a young map held
// by the object itself, and die with it.
//
// How callers use it: build the object without the lazy property, then defineLazy it in its place
// and go on adding the rest (`{ name, params }`, `defineLazy(fn, 'body', …)`, `fn.decorators = …`).
// Not a getter of an object literal (the same old pair), and not a placeholder turned into an
// accessor: V8 then turns the object into a dictionary, slower to build and to read. And no function
// written in place as the value of a property assignment (`o.f = () => …`): V8's parser allocates
// such a function in the old generation too (it takes it for a method); assign it from a variable.
// test/unit/python/lazy-accessor.test.ts guards the analysis' sources against all three.

const SLOTS = Symbol('activation-lens.lazySlots');

/** An object's own getter (and setter) for one key; a getter alone is kept as the function itself. */
type Slot = (() => unknown) | { get: () => unknown; set: (value: unknown) => void };
type Holder = { [SLOTS]?: Map<PropertyKey, Slot> };

/** The descriptor defineProperty is given for a key: made once per key (and whether it can be set), then reused. */
const getOnly = new Map<PropertyKey, PropertyDescriptor>();
const getSet = new Map<PropertyKey, PropertyDescriptor>();

function descriptorFor(key: PropertyKey, settable: boolean): PropertyDescriptor {
  const made = settable ? getSet : getOnly;
  let d = made.get(key);
  if (!d) {
    const get = function (this: Holder) { const slot = this[SLOTS]!.get(key)!; return typeof slot === 'function' ? slot() : slot.get(); };
    d = settable
      ? { get, set(this: Holder, value: unknown) { (this[SLOTS]!.get(key) as Exclude<Slot, () => unknown>).set(value); }, enumerable: true, configurable: true }
      : { get, enumerable: true, configurable: true };
    made.set(key, d);
  }
  return d;
}

/** The non-enumerable property holding an object's own getters. */
const SLOTS_DESCRIPTOR = { value: undefined as unknown, enumerable: false };

/**
 * Defines `key` on `target` as an own enumerable, configurable accessor calling `get` (and `set`,
 * when given), as `Object.defineProperty(target, key, { get, set, enumerable: true, configurable: true })` would.
 */
export function defineLazy<T extends object>(target: T, key: PropertyKey, get: () => unknown, set?: (value: unknown) => void): void {
  const holder = target as Holder;
  let slots = holder[SLOTS];
  if (!slots) {
    slots = new Map();
    SLOTS_DESCRIPTOR.value = slots;
    Object.defineProperty(target, SLOTS, SLOTS_DESCRIPTOR);
    SLOTS_DESCRIPTOR.value = undefined;
  }
  slots.set(key, set ? { get, set } : get);
  Object.defineProperty(target, key, descriptorFor(key, !!set));
}

/** Replaces the accessor `key` by its value (a plain own enumerable, writable data property). */
export function settleLazy<T extends object>(target: T, key: PropertyKey, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, configurable: true, writable: true });
  (target as Holder)[SLOTS]?.delete(key);
}
