/** The interchange layer's public face: formats that cross the app's edge (scenario-format.md). */
export {
  decodeDocument,
  DOCUMENT_FORMAT,
  DOCUMENT_VERSION,
  encodeDocument,
  type DecodedDocument,
  type SgDocument,
} from './document';
export {
  decodeShareLink,
  encodeShareLink,
  LINK_MAX_BYTES,
  LINK_VERSION,
  type DecodedLink,
  type LinkErrorCode,
} from './share-link';
export { decodeFile, fileTooLarge, MAX_FILE_BYTES } from './file-text';
export { importAws, type AwsImport, type ImportNote, type InputFile } from './aws-import';
export { importTerraform } from './terraform-import';
export { exportAwsCli } from './export-aws-cli';
export { exportTerraform } from './export-terraform';
export { exportCloudFormation, NO_EGRESS } from './export-cloudformation';
export {
  decodeProgress,
  encodeProgress,
  PROGRESS_FORMAT,
  type ProgressEntry,
} from './progress-file';
