/** A real button that opens the browser's file picker (the input itself stays hidden). */
import { useRef } from 'react';

export function FilePicker({
  label,
  inputLabel,
  multiple = false,
  onFiles,
}: {
  /** the button's text */
  label: string;
  /** the hidden input's accessible name (tests and assistive tech find it by it) */
  inputLabel: string;
  multiple?: boolean;
  onFiles: (files: FileList) => void;
}) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        multiple={multiple}
        hidden
        aria-label={inputLabel}
        onChange={(e) => {
          const files = e.target.files;
          if (files?.length) onFiles(files);
          // the same file picked again is a new pick
          e.target.value = '';
        }}
      />
    </>
  );
}
