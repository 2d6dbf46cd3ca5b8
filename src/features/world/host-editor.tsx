/** A host outside every VPC: "You" is the address My IP stands for. */
import { isYouHost, removeHost, type Host } from '../../model';
import { DeleteButton } from './delete-button';
import { WorldField } from './world-field';

export function HostEditor({ host }: { host: Host }) {
  const you = isYouHost(host);
  return (
    <article className="details" aria-labelledby="host-title">
      <h2 id="host-title">
        {host.name} <span className="mono muted">{host.id}</span>
      </h2>
      <p className="small muted">
        Outside every VPC: security groups see this address as the source of its traffic.
        {you && ' This is “You”: the rules editor’s My IP uses its address.'}
      </p>
      <div className="form-grid">
        <WorldField collection="hosts" id={host.id} field="name" label="Name" value={host.name} />
        <WorldField
          collection="hosts"
          id={host.id}
          field="ip"
          label="IP address"
          value={host.ip}
          mono
        />
      </div>
      <DeleteButton what={host.name} remove={(s) => removeHost(s, host.id)} />
    </article>
  );
}
