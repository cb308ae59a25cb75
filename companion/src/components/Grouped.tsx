/** An address or txid in 4-character groups (easier to compare by eye), full value in data-value. */
export function Grouped({ value, label }: { value: string; label?: string }) {
  const groups = value.match(/.{1,4}/g) ?? [];
  return (
    <code class="grouped" data-value={value} aria-label={label ? `${label}: ${value}` : value}>
      {groups.map((g) => <span>{g}</span>)}
    </code>
  );
}
