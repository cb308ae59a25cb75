import type { TypedNode } from '../../../../../shared/ethereum/typed-data';

/** An EIP-712 value tree: name, declared type, value; nested structs and arrays indented. */
export function TypedTree({ nodes, label }: { nodes: readonly TypedNode[]; label: string }) {
  return (
    <ul class="tree" aria-label={label}>
      {nodes.map((n, i) => (
        <li key={i}>
          <span class="t-name">{n.name}</span>
          <span class="t-type">{n.type}</span>
          {n.value !== undefined && <>: <span class="t-val">{n.value}</span></>}
          {n.children && n.children.length > 0 && <TypedTree nodes={n.children} label={`${label} › ${n.name}`} />}
        </li>
      ))}
    </ul>
  );
}
