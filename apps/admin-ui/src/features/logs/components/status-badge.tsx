import { Badge } from '@mantine/core';

export function StatusBadge({ status }: { status: number }) {
  const color = status >= 500 ? 'red' : status >= 400 ? 'orange' : status >= 300 ? 'blue' : 'teal';
  return (
    <Badge color={color} variant="light" className="mono">
      {status}
    </Badge>
  );
}
