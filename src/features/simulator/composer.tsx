/** Send traffic: from, to, the service, the address to use; or to every destination at once. */
import { memo, useState } from 'react';
import { LISTED_UP_TO } from '../../components/find';
import { useAppStore } from '../../hooks/use-app-store';
import { FLOW_SERVICES, serviceLabel, type Flow, type Scenario, type Via } from '../../model';
import { endpointLabel } from '../../store';
import { InstanceField } from './instance-field';

const TYPED = '__typed__';
/** The list's entry for an instance found by typing (in a world of many instances). */
const FIND = '__find__';

/** The endpoints to pick from; rule edits keep these arrays, so the options are not rebuilt. */
const EndpointOptions = memo(function EndpointOptions({
  instances,
  loadBalancers,
  hosts,
}: {
  instances: Scenario['instances'];
  loadBalancers: Scenario['loadBalancers'];
  hosts: Scenario['hosts'];
}) {
  return (
    <>
      <optgroup label="Instances">
        {/* 500 options in each of two lists were ~20 ms of style and layout each time the tab
            opened, and the rest of a large account could not be picked at all */}
        {instances.length > LISTED_UP_TO ? (
          <option value={FIND}>An instance: type it below</option>
        ) : (
          instances.map((i) => (
            <option key={i.id} value={i.id}>
              {i.name ?? i.id}
            </option>
          ))
        )}
      </optgroup>
      {(loadBalancers ?? []).length > 0 && (
        <optgroup label="Load balancers">
          {(loadBalancers ?? []).map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </optgroup>
      )}
      <optgroup label="Outside">
        {(hosts ?? []).map((h) => (
          <option key={h.id} value={h.id}>
            {h.name} ({h.ip})
          </option>
        ))}
        <option value={TYPED}>An IP address…</option>
      </optgroup>
    </>
  );
});

function EndpointPicker({
  label,
  value,
  typed,
  onChange,
  onTyped,
}: {
  label: string;
  value: string;
  typed: string;
  onChange: (v: string) => void;
  onTyped: (v: string) => void;
}) {
  const instances = useAppStore((st) => st.scenario.instances);
  const loadBalancers = useAppStore((st) => st.scenario.loadBalancers);
  const hosts = useAppStore((st) => st.scenario.hosts);
  const id = `composer-${label.toLowerCase()}`;
  // in a large world any value but a balancer, a host or a typed address is an instance ('' one
  // not found yet), picked in the field below the list
  const found =
    instances.length > LISTED_UP_TO &&
    value !== TYPED &&
    !(loadBalancers ?? []).some((l) => l.id === value) &&
    !(hosts ?? []).some((h) => h.id === value);
  return (
    <div className="picker">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={found ? FIND : value}
        onChange={(e) => onChange(e.target.value === FIND ? '' : e.target.value)}
      >
        <EndpointOptions instances={instances} loadBalancers={loadBalancers} hosts={hosts} />
      </select>
      {found && (
        <InstanceField label={label} instances={instances} value={value} onChange={onChange} />
      )}
      {value === TYPED && (
        <input
          aria-label={`${label} IP address`}
          className="mono"
          placeholder="203.0.113.50"
          value={typed}
          onChange={(e) => onTyped(e.target.value)}
        />
      )}
    </div>
  );
}

export function Composer() {
  const s = useAppStore((st) => st.scenario);
  const send = useAppStore((st) => st.send);
  const sendToEvery = useAppStore((st) => st.sendToEvery);
  const notify = useAppStore((st) => st.notify);
  const first = s.hosts?.[0]?.id ?? s.instances[0]?.id ?? TYPED;
  const second = s.loadBalancers?.[0]?.id ?? s.instances[0]?.id ?? TYPED;
  const [from, setFrom] = useState(first);
  const [to, setTo] = useState(second);
  const [fromIp, setFromIp] = useState('');
  const [toIp, setToIp] = useState('');
  const [service, setService] = useState('https');
  const [protocol, setProtocol] = useState('tcp');
  const [port, setPort] = useState('443');
  const [icmpType, setIcmpType] = useState('8');
  const [icmpCode, setIcmpCode] = useState('0');
  const [via, setVia] = useState<'' | Via>('');

  const flowFor = (target: string): Flow | string => {
    const src = from === TYPED ? fromIp.trim() : from;
    const dst = target === TYPED ? toIp.trim() : target;
    if (!src || !dst) {
      const side = !src ? 'from' : 'to';
      return (!src ? from : target) === TYPED
        ? `Type the IP address to send ${side}.`
        : `No instance to send ${side}: type an instance's name, id or private IP.`;
    }
    const preset = FLOW_SERVICES.find((p) => p.id === service);
    let svc: Pick<Flow, 'protocol' | 'port' | 'icmpType' | 'icmpCode'>;
    if (preset) svc = preset.service;
    else {
      const p = protocol.trim().toLowerCase();
      const n = Number(port);
      if ((p === 'tcp' || p === 'udp') && !(Number.isInteger(n) && n >= 0 && n <= 65535))
        return 'A TCP or UDP flow needs a port from 0 to 65535.';
      const icmp = p === 'icmp' || p === 'icmpv6';
      svc =
        p === 'tcp' || p === 'udp'
          ? { protocol: p, port: n }
          : icmp
            ? { protocol: p, icmpType: Number(icmpType), icmpCode: Number(icmpCode) }
            : { protocol: p };
    }
    return { from: src, to: dst, ...svc, ...(via ? { via } : {}) };
  };

  return (
    <form
      className="composer"
      aria-label="Send traffic"
      onSubmit={(e) => {
        e.preventDefault();
        const f = flowFor(to);
        if (typeof f === 'string') notify(f, 'error');
        else send(f);
      }}
    >
      <EndpointPicker
        label="From"
        value={from}
        typed={fromIp}
        onChange={setFrom}
        onTyped={setFromIp}
      />
      <EndpointPicker label="To" value={to} typed={toIp} onChange={setTo} onTyped={setToIp} />
      <div className="picker">
        <label htmlFor="composer-service">Service</label>
        <select id="composer-service" value={service} onChange={(e) => setService(e.target.value)}>
          {FLOW_SERVICES.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom protocol and port…</option>
        </select>
        {service === 'custom' && (
          <span className="custom-service">
            <input
              aria-label="Protocol"
              value={protocol}
              onChange={(e) => setProtocol(e.target.value)}
              placeholder="tcp, udp, icmp or 0-255"
            />
            {protocol.trim().toLowerCase().startsWith('icmp') ? (
              <>
                <input
                  aria-label="ICMP type"
                  value={icmpType}
                  inputMode="numeric"
                  onChange={(e) => setIcmpType(e.target.value)}
                />
                <input
                  aria-label="ICMP code"
                  value={icmpCode}
                  inputMode="numeric"
                  onChange={(e) => setIcmpCode(e.target.value)}
                />
              </>
            ) : (
              <input
                aria-label="Port"
                value={port}
                inputMode="numeric"
                onChange={(e) => setPort(e.target.value)}
                placeholder="port"
              />
            )}
          </span>
        )}
      </div>
      <div className="picker">
        <label htmlFor="composer-via">Address</label>
        <select id="composer-via" value={via} onChange={(e) => setVia(e.target.value as '' | Via)}>
          <option value="">Default (private inside a VPC, public from outside)</option>
          <option value="private">Private IPv4</option>
          <option value="public">Public IPv4</option>
          <option value="ipv6">IPv6</option>
        </select>
      </div>
      <div className="composer-actions">
        <button type="submit" className="primary">
          Send
        </button>
        <button
          type="button"
          onClick={() => {
            const f = flowFor(from);
            if (typeof f === 'string') return notify(f, 'error');
            const { to: _to, ...rest } = f;
            const n = sendToEvery(rest);
            notify(
              `Sent ${serviceLabel(rest)} from ${endpointLabel(s, rest.from)} to ${n} destinations: see the history.`,
              'info',
            );
          }}
        >
          Send to every destination
        </button>
      </div>
    </form>
  );
}
