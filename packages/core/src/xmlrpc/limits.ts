// Decoding limits: the decoder runs on the server's request path, so every body is
// bounded in bytes, element count and value nesting before it can cost memory or stack.

export interface XmlRpcLimits {
  /** Largest body accepted, in bytes (default 32 MiB). */
  maxBodyBytes?: number;
  /** Most arrays and structs nested inside one another (default 64, at most 1000). */
  maxDepth?: number;
  /** Most elements in one body (default 1,000,000). */
  maxElements?: number;
}

export const defaultXmlRpcLimits: Readonly<Required<XmlRpcLimits>> = {
  maxBodyBytes: 32 * 1024 * 1024,
  maxDepth: 64,
  maxElements: 1_000_000,
};

/** Past this, recursion could exhaust the stack: the limit exists to prevent that. */
const DEPTH_CEILING = 1000;

export function resolveLimits(limits: XmlRpcLimits = {}): Required<XmlRpcLimits> {
  const resolved = {
    maxBodyBytes: limits.maxBodyBytes ?? defaultXmlRpcLimits.maxBodyBytes,
    maxDepth: limits.maxDepth ?? defaultXmlRpcLimits.maxDepth,
    maxElements: limits.maxElements ?? defaultXmlRpcLimits.maxElements,
  };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isSafeInteger(value) || value < 1) {
      throw new RangeError(`XML-RPC limit ${name} must be a positive integer, not ${value}`);
    }
  }
  if (resolved.maxDepth > DEPTH_CEILING) {
    throw new RangeError(`XML-RPC limit maxDepth must be at most ${DEPTH_CEILING}`);
  }
  return resolved;
}
