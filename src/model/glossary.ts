/**
 * Every word the app shows that a newcomer may not know, and every reason code, in one place: the
 * Help panel lists them and a `?` beside a code opens its entry. Plain words, the console's terms.
 */
export interface GlossaryEntry {
  readonly id: string;
  readonly term: string;
  readonly text: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = [
  {
    id: 'security-group',
    term: 'Security group',
    text: 'A virtual firewall on an instance’s network interface (not on the subnet). It only allows: there are no deny rules. Traffic that no rule allows is dropped.',
  },
  {
    id: 'no-deny',
    term: 'No deny rules',
    text: 'Security groups cannot deny. To keep one address out, allow only the addresses you want (a narrower CIDR, a group or a prefix list), or use a network ACL, which has deny entries.',
  },
  {
    id: 'stateful',
    term: 'Stateful',
    text: 'When a request is allowed, its response is allowed back automatically, whatever the rules in the other direction say.',
  },
  {
    id: 'tracked',
    term: 'Tracked connection',
    text: 'A flow the security group remembers. Its responses pass, and it survives a rule being removed until it goes idle.',
  },
  {
    id: 'untracked',
    term: 'Untracked flow',
    text: 'When a rule allows everything (0.0.0.0/0 or ::/0) in both directions for a protocol, AWS does not track the flow: responses pass only because the rules allow them, and removing a rule cuts it at once.',
  },
  {
    id: 'group-reference',
    term: 'Group reference',
    text: 'A rule whose source (or destination) is another security group: it matches the private addresses of every interface that carries that group.',
  },
  {
    id: 'nearest-miss',
    term: 'Nearest miss',
    text: 'The rule that matches a denied packet in every field but one, and the field that failed: usually the rule to fix.',
  },
  {
    id: 'ephemeral-port',
    term: 'Ephemeral port',
    text: 'The short-lived port a client sends from (Linux 32768–60999, Windows 49152–65535). Responses go back to it.',
  },
  {
    id: 'cidr',
    term: 'CIDR block',
    text: 'A range of addresses written as address/prefix: 10.0.0.0/16 is every address starting 10.0; 203.0.113.5/32 is one address.',
  },
  {
    id: 'prefix-list',
    term: 'Prefix list',
    text: 'A named set of CIDR blocks a rule can use as its source or destination. It counts against the rules quota as its maximum size.',
  },
  {
    id: 'expectation',
    term: 'Expectation',
    text: 'A flow that must be allowed or denied. It turns ✓ or ✗ live on every edit, like a test.',
  },
  {
    id: 'finding',
    term: 'Finding',
    text: 'Something in the rules worth a look: a port open to the whole internet, a rule that changes nothing, a group nothing uses.',
  },
  {
    id: 'ENI_SG_RULES_MISMATCH',
    term: 'ENI_SG_RULES_MISMATCH',
    text: 'No rule of the interface’s security groups allows this packet (AWS Reachability Analyzer’s word for it).',
  },
  {
    id: 'SG_HAS_NO_RULES',
    term: 'SG_HAS_NO_RULES',
    text: 'The interface’s groups have no rules at all in this direction, so nothing passes.',
  },
  {
    id: 'NO_ROUTE_TO_DESTINATION',
    term: 'NO_ROUTE_TO_DESTINATION',
    text: 'The packet has no way there: a private subnet with no route to the internet gateway, another VPC without peering, an address nothing has. Not the same as a rule denying it.',
  },
  {
    id: 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS',
    term: 'IGW_PRIVATE_IP_ASSOCIATION_FOR_INGRESS',
    text: 'The instance has no public IPv4 address, so the internet gateway has nothing to translate to it.',
  },
  {
    id: 'BAD_STATE',
    term: 'BAD_STATE',
    text: 'The instance is stopped: it sends and receives nothing.',
  },
  {
    id: 'ELB_LISTENER_PORT_RESTRICTION',
    term: 'ELB_LISTENER_PORT_RESTRICTION',
    text: 'The load balancer has no listener on that port, so it does not accept the connection.',
  },
  {
    id: 'ELB_NO_HEALTHY_TARGETS',
    term: 'ELB_NO_HEALTHY_TARGETS',
    text: 'The load balancer has no target that passes its health check where it could send the request.',
  },
  {
    id: 'UNKNOWN_ENDPOINT',
    term: 'UNKNOWN_ENDPOINT',
    text: 'The flow names something that is not in the scenario, or something that does not send traffic of its own.',
  },
  {
    id: 'NOT_FILTERED',
    term: 'NOT_FILTERED',
    text: 'Security groups never filter this traffic (the VPC’s DNS server, instance metadata, an instance talking to itself, or two hosts outside every VPC).',
  },
  {
    id: 'EC2_PORT_25_BLOCKED',
    term: 'EC2_PORT_25_BLOCKED',
    text: 'EC2 blocks outbound TCP port 25 (SMTP) from instances to public addresses by default, whatever the security groups allow. AWS lifts the block on request (the “remove email sending limitations” form); until then send mail on port 587 or through Amazon SES.',
  },
  {
    id: 'RULE_MATCH',
    term: 'RULE_MATCH',
    text: 'A rule of the interface’s groups allows the packet.',
  },
  {
    id: 'STATEFUL_RESPONSE',
    term: 'STATEFUL_RESPONSE',
    text: 'The response passes because the connection is tracked: no rule is needed for it.',
  },
  {
    id: 'UNTRACKED_RESPONSE',
    term: 'UNTRACKED_RESPONSE',
    text: 'The response passes because a rule allows it, not because of tracking: both directions are open to the whole internet, so AWS does not track this flow. Removing that rule cuts the flow at once.',
  },
  {
    id: 'not-reached',
    term: 'Not reached',
    text: 'A hop after the point where the packet was dropped. It was never checked for this packet; a blocker listed there must be fixed too.',
  },
];

export const glossaryEntry = (id: string): GlossaryEntry | undefined =>
  GLOSSARY.find((e) => e.id === id);
