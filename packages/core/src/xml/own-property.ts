/**
 * Sets an own enumerable property named by untrusted input. Assignment is fast and safe
 * for every name but `__proto__`, which would reach Object.prototype's setter and
 * replace the prototype; that one is defined instead, so it stays a plain key.
 */
export function setOwnProperty<T>(object: Record<string, T>, name: string, value: T): void {
  if (name === '__proto__') {
    Object.defineProperty(object, name, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else {
    object[name] = value;
  }
}
