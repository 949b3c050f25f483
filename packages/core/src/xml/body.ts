// Turns a request or response body into text before tokenizing: size limit first, so an
// oversized body is refused without decoding it, then strict UTF-8 (the only encoding
// OpenNebula and its clients use). A byte order mark is left to the tokenizer.
import { OneKitError, type ErrorCode } from '../errors/index.js';

export interface BodyTextOptions {
  maxBytes: number;
  tooLarge: ErrorCode;
  malformed: ErrorCode;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function bodyText(body: string | Uint8Array, options: BodyTextOptions): string {
  if (typeof body === 'string') {
    // A UTF-16 unit never takes fewer UTF-8 bytes than one, nor more than three.
    if (
      body.length > options.maxBytes ||
      (body.length * 3 > options.maxBytes && Buffer.byteLength(body) > options.maxBytes)
    ) {
      throw tooLarge(options);
    }
    return body;
  }
  if (body.byteLength > options.maxBytes) throw tooLarge(options);
  try {
    return utf8.decode(body);
  } catch (err) {
    if (!(err instanceof TypeError)) throw err;
    throw new OneKitError(
      options.malformed,
      'the body is not valid UTF-8',
      { field: 'body' },
      { cause: err },
    );
  }
}

function tooLarge(options: BodyTextOptions): OneKitError {
  return new OneKitError(options.tooLarge, `the body is larger than ${options.maxBytes} bytes`, {
    field: 'body',
  });
}
