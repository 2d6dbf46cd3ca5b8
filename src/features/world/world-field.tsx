/** One editable field of a VPC, subnet, host, prefix list or load balancer: applied on commit. */
import { DraftInput } from '../../components/draft-input';
import { useAppStore } from '../../hooks/use-app-store';
import { useWorldIssues } from '../../hooks/use-world-issues';
import { clearField, updateItem, validateWorld, type Scenario } from '../../model';
import { itemIssues } from '../../store';

export type Collection = 'vpcs' | 'subnets' | 'prefixLists' | 'loadBalancers' | 'hosts';

interface Props {
  readonly collection: Collection;
  readonly id: string;
  readonly field: string;
  readonly label: string;
  readonly value: string;
  /** Clearing an optional field removes it instead of storing an empty string. */
  readonly optional?: boolean;
  readonly placeholder?: string;
  readonly mono?: boolean;
}

function patched(
  s: Scenario,
  collection: Collection,
  id: string,
  field: string,
  value: string,
): Scenario {
  const list = (s[collection] ?? []) as readonly { id: string }[];
  return {
    ...s,
    [collection]: list.map((x) => (x.id === id ? { ...x, [field]: value } : x)),
  };
}

export function WorldField({
  collection,
  id,
  field,
  label,
  value,
  optional,
  placeholder,
  mono,
}: Props) {
  const scenario = useAppStore((s) => s.scenario);
  const checked = useWorldIssues();
  const edit = useAppStore((s) => s.edit);
  const index = ((scenario[collection] ?? []) as readonly { id: string }[]).findIndex(
    (x) => x.id === id,
  );
  const inputId = `${collection}-${id}-${field}`;
  return (
    <>
      <label htmlFor={inputId}>{label}</label>
      <DraftInput
        id={inputId}
        label={label}
        value={value}
        {...(placeholder ? { placeholder } : {})}
        {...(mono ? { className: 'mono' } : {})}
        issues={itemIssues(checked, scenario, collection, id).get(field)}
        check={(v) =>
          optional && v.trim() === ''
            ? []
            : validateWorld(patched(scenario, collection, id, field, v.trim())).filter(
                (i) => i.path === `${collection}[${index}].${field}`,
              )
        }
        onCommit={(v) =>
          edit(
            'world/update',
            `Set the ${label.toLowerCase()} of ${id} to ${v.trim() || '(none)'}`,
            (s) =>
              optional && v.trim() === ''
                ? clearField(s, collection, id, field as never)
                : updateItem(s, collection, id, { [field]: v.trim() }),
          )
        }
      />
    </>
  );
}
