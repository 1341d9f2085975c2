/**
 * Sets an own enumerable property, also for keys such as `__proto__` that a plain assignment
 * would turn into a prototype change (manifests are untrusted input).
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[key] = value;
  }
}
