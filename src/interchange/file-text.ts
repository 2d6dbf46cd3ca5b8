/**
 * The text of a file a user brings (a scenario, AWS output): decoded as its byte-order mark says,
 * since PowerShell's `>` writes UTF-16 and Windows editors write a UTF-8 BOM.
 */

/**
 * The largest file SG Lab reads (an AWS export of a very busy account is a few MB): past it the
 * tab would freeze reading, so the file is refused by its size before a byte is read.
 */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;

export function fileTooLarge(name: string, size: number): string | null {
  if (size <= MAX_FILE_BYTES) return null;
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  return `${name} is ${mb(size)}; SG Lab opens files of at most ${mb(MAX_FILE_BYTES)}.`;
}

/** Text of a file: UTF-8 (with or without a BOM), or UTF-16 with a BOM. */
export function decodeFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
