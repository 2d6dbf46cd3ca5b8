/** The network as boxes: VPC → Availability Zone columns → subnets → instance cards; hosts outside. */
import type { Instance, LoadBalancer, Scenario, Subnet } from '../../model';
import { useAppStore } from '../../hooks/use-app-store';

function InstanceCard({ instance }: { instance: Instance }) {
  const stopped = instance.state === 'stopped';
  return (
    <li
      className={`card instance${stopped ? ' stopped' : ''}`}
      aria-label={`Instance ${instance.name ?? instance.id}`}
    >
      <div className="card-title">
        <span className="kind">{instance.kind ?? 'ec2'}</span> {instance.name ?? instance.id}
        {stopped && <span className="badge muted">stopped</span>}
      </div>
      <div className="addr">
        {instance.privateIp}
        {instance.publicIp && <> · public {instance.publicIp}</>}
      </div>
      <div className="chips">
        {instance.securityGroupIds.map((g) => (
          <span key={g} className="chip">
            {g}
          </span>
        ))}
      </div>
    </li>
  );
}

function SubnetBox({ subnet, instances }: { subnet: Subnet; instances: readonly Instance[] }) {
  return (
    <section
      className={`subnet ${subnet.public ? 'public' : 'private'}`}
      aria-label={`Subnet ${subnet.name ?? subnet.id}`}
    >
      <h4>
        {subnet.name ?? subnet.id}{' '}
        <span className="badge">{subnet.public ? 'public' : 'private'}</span>
      </h4>
      <div className="addr">{subnet.cidr}</div>
      {instances.length === 0 ? (
        <p className="empty">No instances</p>
      ) : (
        <ul className="cards">
          {instances.map((i) => (
            <InstanceCard key={i.id} instance={i} />
          ))}
        </ul>
      )}
    </section>
  );
}

function LoadBalancerBar({ lb }: { lb: LoadBalancer }) {
  return (
    <div className="lb" aria-label={`Load balancer ${lb.name}`}>
      <strong>{lb.name}</strong> {lb.type === 'application' ? 'ALB' : 'NLB'} · {lb.scheme} ·
      listeners {lb.listeners.map((l) => `${l.protocol} ${l.port}→${l.targetPort}`).join(', ')} ·
      targets {lb.targetInstanceIds.join(', ')}
    </div>
  );
}

function zonesOf(s: Scenario, vpcId: string): string[] {
  return [
    ...new Set(s.subnets.filter((sn) => sn.vpcId === vpcId).map((sn) => sn.availabilityZone)),
  ].sort();
}

export function TopologyView() {
  const scenario = useAppStore((s) => s.scenario);
  return (
    <div className="topology">
      <ul className="hosts" aria-label="Outside hosts">
        {(scenario.hosts ?? []).map((h) => (
          <li key={h.id} className="card host">
            <div className="card-title">{h.name}</div>
            <div className="addr">{h.ip}</div>
          </li>
        ))}
      </ul>
      {scenario.vpcs.map((vpc) => (
        <section key={vpc.id} className="vpc" aria-label={`VPC ${vpc.name ?? vpc.id}`}>
          <h3>
            {vpc.name ?? vpc.id} <span className="addr">{vpc.cidr}</span>
          </h3>
          {(scenario.loadBalancers ?? [])
            .filter((lb) =>
              scenario.subnets.some((sn) => sn.vpcId === vpc.id && lb.subnetIds.includes(sn.id)),
            )
            .map((lb) => (
              <LoadBalancerBar key={lb.id} lb={lb} />
            ))}
          <div className="zones">
            {zonesOf(scenario, vpc.id).map((az) => (
              <div key={az} className="zone" aria-label={`Availability Zone ${az}`}>
                <h4 className="zone-name">{az}</h4>
                {scenario.subnets
                  .filter((sn) => sn.vpcId === vpc.id && sn.availabilityZone === az)
                  .map((sn) => (
                    <SubnetBox
                      key={sn.id}
                      subnet={sn}
                      instances={scenario.instances.filter((i) => i.subnetId === sn.id)}
                    />
                  ))}
              </div>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}
