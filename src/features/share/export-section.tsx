/** Export for AWS: the groups as an AWS CLI script, CloudFormation or Terraform; Copy or Download. */
import { useState } from 'react';
import { CopyButton } from '../../components/copy-button';
import { useAppStore } from '../../hooks/use-app-store';
import { EXPORT_FORMATS, exportOf, type ExportFormat } from '../../store/export-formats';

export function ExportSection() {
  const scenario = useAppStore((s) => s.scenario);
  const downloadText = useAppStore((s) => s.downloadText);
  const [format, setFormat] = useState<ExportFormat>('aws-cli');
  const text = exportOf(scenario, format);
  return (
    <section aria-labelledby="export-title">
      <h3 id="export-title">Export for AWS</h3>
      <p className="muted small">
        The security groups and their rules, to build in a real account. Set the VPC ids at the top
        to your own.
      </p>
      <label htmlFor="export-format">Format</label>{' '}
      <select
        id="export-format"
        value={format}
        onChange={(e) => setFormat(e.target.value as ExportFormat)}
      >
        {(Object.keys(EXPORT_FORMATS) as ExportFormat[]).map((f) => (
          <option key={f} value={f}>
            {EXPORT_FORMATS[f].label}
          </option>
        ))}
      </select>
      <textarea
        readOnly
        rows={8}
        value={text}
        className="mono share-link"
        aria-label={`${EXPORT_FORMATS[format].label} export`}
      />
      <div className="actions">
        <CopyButton text={text} label="Copy export" />
        <button type="button" onClick={() => downloadText(EXPORT_FORMATS[format].file, text)}>
          Download {EXPORT_FORMATS[format].file}
        </button>
      </div>
    </section>
  );
}
