import { describe, expect, it } from 'vitest';
import type { Instance } from '../../model';
import { instanceNamed } from './instance-field';

const at = (id: string, privateIp: string, name?: string): Instance => ({
  id,
  subnetId: 'subnet-a',
  privateIp,
  securityGroupIds: [],
  ...(name ? { name } : {}),
});
const instances = [
  at('i-1', '10.0.0.5', 'web'),
  at('i-2', '10.0.0.6', 'Web-B'),
  at('i-3', '10.0.0.7'),
];

describe('instanceNamed: the instance a typed text names', () => {
  it('by name whatever its case, then by id, then by private IP', () => {
    expect(instanceNamed(instances, 'web')?.id).toBe('i-1');
    expect(instanceNamed(instances, ' web-b ')?.id).toBe('i-2');
    expect(instanceNamed(instances, 'i-3')?.id).toBe('i-3');
    expect(instanceNamed(instances, '10.0.0.6')?.id).toBe('i-2');
  });

  it('none for a part of a name, an unknown name or nothing typed', () => {
    expect(instanceNamed(instances, 'we')).toBeUndefined();
    expect(instanceNamed(instances, 'db')).toBeUndefined();
    expect(instanceNamed(instances, '  ')).toBeUndefined();
  });
});
