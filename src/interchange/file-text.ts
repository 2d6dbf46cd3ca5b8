/**
 * The text of a file a user brings (a scenario, AWS output): decoded as its byte-order mark says,
 * since PowerShell's `>` writes UTF-16 and Windows editors write a UTF-8 BOM.
 */

/** Text of a file: UTF-8 (with or without a BOM), or UTF-16 with a BOM. */
export function decodeFile(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff)
    return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
