/** "Create security group": name, description, VPC; AWS's defaults (no inbound, all outbound). */
import { useState } from 'react';
import { FieldMessages } from '../../components/field-messages';
import { useAppStore } from '../../hooks/use-app-store';
import { createGroup, describeDefaultRules, type Issue } from '../../model';

export function CreateGroupForm() {
  const vpcs = useAppStore((s) => s.scenario.vpcs);
  const edit = useAppStore((s) => s.edit);
  const select = useAppStore((s) => s.select);
  const [name, setName] = useState('');
  const [description, setDescription] = useState('');
  const [vpcId, setVpcId] = useState(vpcs[0]?.id ?? '');
  const [refusal, setRefusal] = useState<Issue | null>(null);
  const vpc = vpcs.find((v) => v.id === vpcId);
  if (vpcs.length === 0)
    return <p className="empty">Add a VPC first: a security group belongs to one VPC.</p>;
  const field = (f: string) => (refusal && refusal.path === f ? [refusal] : undefined);
  return (
    <form
      className="details form-grid"
      aria-labelledby="create-group-title"
      onSubmit={(e) => {
        e.preventDefault();
        const r = edit('groups/create', `Create ${name.trim() || 'a group'}`, (s) =>
          createGroup(s, { name, description, vpcId }),
        );
        if (r.ok) select({ kind: 'group', id: r.value });
        else setRefusal(r.issue);
      }}
    >
      <h2 id="create-group-title" className="span-2">
        Create security group
      </h2>
      <label htmlFor="new-group-name">Security group name</label>
      <div>
        <input
          id="new-group-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="ssh-admin"
          autoFocus
        />
        <FieldMessages id="new-group-name-msg" issues={field('name')} />
      </div>
      <label htmlFor="new-group-description">Description</label>
      <div>
        <input
          id="new-group-description"
          value={description}
          onChange={(e) => setDescription(e.target.value)}
          placeholder="SSH for administrators"
        />
        <FieldMessages id="new-group-description-msg" issues={field('description')} />
      </div>
      <label htmlFor="new-group-vpc">VPC</label>
      <select id="new-group-vpc" value={vpcId} onChange={(e) => setVpcId(e.target.value)}>
        {vpcs.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name ?? v.id} ({v.cidr})
          </option>
        ))}
      </select>
      {vpc && (
        <p className="muted small span-2" id="new-group-defaults">
          {describeDefaultRules(vpc)}
        </p>
      )}
      <div className="span-2">
        {refusal && !['name', 'description'].includes(refusal.path) && (
          <FieldMessages id="new-group-msg" issues={[refusal]} />
        )}
        <button type="submit">Create security group</button>
      </div>
    </form>
  );
}
