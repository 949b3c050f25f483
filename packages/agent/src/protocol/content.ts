// File content on the wire: base64 text, so any bytes survive JSON.
import { Buffer } from 'node:buffer';

export function encodeContent(content: Uint8Array): string {
  return Buffer.from(content.buffer, content.byteOffset, content.byteLength).toString('base64');
}

export function decodeContent(text: string): Buffer {
  return Buffer.from(text, 'base64');
}
