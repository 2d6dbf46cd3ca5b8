/**
 * Import: paste or pick the outputs of the AWS CLI's describe commands (several, any order), or
 * one `terraform show -json`; they become one scenario, and what could not be mapped is listed.
 */
import { useState } from 'react';
import { FilePicker } from '../../components/file-picker';
import { useAppStore } from '../../hooks/use-app-store';
import { readFiles } from './file-drop';
import { Modal } from '../../components/modal';

const COMMANDS = [
  'aws ec2 describe-security-groups > groups.json',
  'aws ec2 describe-instances > instances.json',
  'aws ec2 describe-subnets > subnets.json',
  'aws ec2 describe-vpcs > vpcs.json',
  'aws ec2 describe-network-acls > acls.json',
  'aws elbv2 describe-load-balancers > lbs.json',
  'terraform show -json plan.out > plan.json',
];

export function ImportDialog() {
  const open = useAppStore((s) => s.dialog === 'import');
  const openDialog = useAppStore((s) => s.openDialog);
  const openFiles = useAppStore((s) => s.openFiles);
  const [pasted, setPasted] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [picked, setPicked] = useState<{ name: string; bytes: Uint8Array; size?: number }[]>([]);
  const encoder = new TextEncoder();
  const all = [
    ...pasted.map((t, i) => ({ name: `pasted output ${i + 1}`, bytes: encoder.encode(t) })),
    ...(text.trim()
      ? [{ name: `pasted output ${pasted.length + 1}`, bytes: encoder.encode(text) }]
      : []),
    ...picked,
  ];
  const close = () => {
    setPasted([]);
    setText('');
    setPicked([]);
    openDialog(null);
  };
  return (
    <Modal open={open} title="Import from AWS or Terraform" onClose={close}>
      <p className="small">
        Paste what these commands print, one output at a time, or choose the files you saved.
        Several outputs build one scenario, in any order; the ids stay AWS&rsquo;s.
      </p>
      <pre className="code-block small">{COMMANDS.join('\n')}</pre>
      <label className="field">
        <span>Pasted output {pasted.length + 1}</span>
        <textarea
          rows={6}
          data-autofocus
          value={text}
          spellCheck={false}
          onChange={(e) => setText(e.target.value)}
          placeholder='{ "SecurityGroups": [ … ] }'
        />
      </label>
      <div className="dialog-actions">
        <button
          type="button"
          disabled={!text.trim()}
          onClick={() => {
            setPasted([...pasted, text]);
            setText('');
          }}
        >
          Paste another output
        </button>
        <FilePicker
          label="Choose files…"
          inputLabel="AWS CLI output or Terraform JSON files"
          multiple
          onFiles={(files) => void readFiles(files).then((f) => setPicked([...picked, ...f]))}
        />
      </div>
      {all.length > 0 && (
        <ul className="small" aria-label="To import">
          {all.map((f) => (
            <li key={f.name}>{f.name}</li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <button
          type="button"
          className="primary"
          disabled={all.length === 0}
          onClick={() => {
            void openFiles(all).then((ok) => {
              if (ok) close();
            });
          }}
        >
          Import {all.length === 1 ? '1 output' : `${all.length} outputs`}
        </button>
      </div>
    </Modal>
  );
}
