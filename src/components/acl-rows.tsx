/**
 * The rows every network ACL table shares, in the editor and in the effective rules: the console's
 * column heads, and the final `*` rules (32767 for IPv4, 32768 for IPv6 in AWS's API), implicit in
 * the document, shown last and read-only.
 */

/** Rule number, Type, Protocol, Port range, Source or Destination, Allow / Deny. */
export function AclHead({ peer, actions = false }: { peer: string; actions?: boolean }) {
  return (
    <thead>
      <tr>
        <th scope="col">Rule number</th>
        <th scope="col">Type</th>
        <th scope="col">Protocol</th>
        <th scope="col">Port range</th>
        <th scope="col">{peer}</th>
        <th scope="col">Allow / Deny</th>
        {actions && (
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
export function AclFinalRows({
  peer,
  ipv6,
  trailingCell = false,
}: {
  /** the column's name: Source (inbound) or Destination (outbound) */
  peer: string;
  /** the VPC has an IPv6 block: a second `*` rule for ::/0 */
  ipv6: boolean;
  /** an empty cell under an actions column */
  trailingCell?: boolean;
}) {
  return (
    <>
      {['0.0.0.0/0', ...(ipv6 ? ['::/0'] : [])].map((cidr) => (
        <tr
          key={cidr}
          className="final-rule"
          title="The final rule: it cannot be changed or removed"
        >
          <td data-label="Rule number">*</td>
          <td data-label="Type">All traffic</td>
          <td data-label="Protocol">All</td>
          <td data-label="Port range">All</td>
          <td data-label={peer} className="mono">
            {cidr}
          </td>
          <td data-label="Allow / Deny" className="deny">
            Deny
          </td>
          {trailingCell && <td />}
        </tr>
      ))}
    </>
  );
}
