/**
 * The overview's charts over time (one point per UTC day): requests and errors, error rate,
 * p50/p95 latency, tokens and cost. Colours are Mantine CSS variables, so both themes work.
 */
import { Paper, SimpleGrid, Text } from '@mantine/core';
import type { ReactElement } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatCost, formatCount, formatMs } from '../../../lib/format';
import type { Usage } from '../../../lib/contract';

export interface DayPoint {
  day: string;
  requests: number;
  errors: number;
  errorRate: number;
  p50: number | null;
  p95: number | null;
  promptTokens: number;
  completionTokens: number;
  cost: number;
}

export function toDayPoints(days: string[], rows: Usage['rows']): DayPoint[] {
  const byDay = new Map(rows.map((r) => [r.key, r]));
  return days.map((day) => {
    const r = byDay.get(day);
    return {
      day,
      requests: r?.requests ?? 0,
      errors: r?.errors ?? 0,
      errorRate: r && r.requests ? (r.errors / r.requests) * 100 : 0,
      p50: r?.p50LatencyMs ?? null,
      p95: r?.p95LatencyMs ?? null,
      promptTokens: r?.promptTokens ?? 0,
      completionTokens: r?.completionTokens ?? 0,
      cost: r?.costUsd ?? 0,
    };
  });
}

const C = {
  primary: 'var(--mantine-color-indigo-6)',
  second: 'var(--mantine-color-cyan-5)',
  error: 'var(--mantine-color-red-6)',
  grid: 'var(--mantine-color-default-border)',
  text: 'var(--mantine-color-dimmed)',
};

// Axis ticks need two significant digits, not the table's six decimals ("$6.0e-6" fits, "$0.000006" is cut).
const costTick = (v: number) => (v === 0 ? '$0' : v >= 0.01 ? `$${v.toFixed(2)}` : `$${v.toExponential(1)}`);
const shortDay = (day: string) => new Date(`${day}T00:00:00Z`).toLocaleDateString(undefined, { month: 'short', day: 'numeric', timeZone: 'UTC' });
const axis = { stroke: C.grid, tick: { fill: C.text, fontSize: 11 }, tickLine: false } as const;
const tooltip = {
  contentStyle: { background: 'var(--mantine-color-body)', border: `1px solid ${C.grid}`, borderRadius: 8, fontSize: 12 },
  labelFormatter: (label: unknown) => shortDay(String(label)),
};

function ChartCard({ title, children, testId }: { title: string; children: ReactElement; testId: string }) {
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Text fw={600} size="sm" mb="sm">
        {title}
      </Text>
      <div style={{ width: '100%', height: 200 }}>
        <ResponsiveContainer width="100%" height="100%">
          {children}
        </ResponsiveContainer>
      </div>
    </Paper>
  );
}

export function UsageCharts({ points }: { points: DayPoint[] }) {
  return (
    <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
      <ChartCard title="Requests" testId="chart-requests">
        <BarChart data={points} margin={{ left: -16, right: 8 }}>
          <CartesianGrid stroke={C.grid} vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} {...axis} minTickGap={16} />
          <YAxis allowDecimals={false} tickFormatter={formatCount} {...axis} />
          <Tooltip {...tooltip} formatter={(v) => formatCount(Number(v))} cursor={{ fill: 'var(--mantine-color-default-hover)' }} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="requests" name="Requests" fill={C.primary} radius={[3, 3, 0, 0]} isAnimationActive={false} />
          <Bar dataKey="errors" name="Errors" fill={C.error} radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ChartCard>
      <ChartCard title="Error rate" testId="chart-error-rate">
        <AreaChart data={points} margin={{ left: -16, right: 8 }}>
          <CartesianGrid stroke={C.grid} vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} {...axis} minTickGap={16} />
          <YAxis unit="%" {...axis} domain={[0, (max: number) => Math.max(5, Math.ceil(max))]} />
          <Tooltip {...tooltip} formatter={(v) => `${Number(v).toFixed(1)}%`} />
          <Area dataKey="errorRate" name="Error rate" stroke={C.error} fill={C.error} fillOpacity={0.15} isAnimationActive={false} />
        </AreaChart>
      </ChartCard>
      <ChartCard title="Latency (p50 / p95)" testId="chart-latency">
        <LineChart data={points} margin={{ left: -8, right: 8 }}>
          <CartesianGrid stroke={C.grid} vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} {...axis} minTickGap={16} />
          <YAxis tickFormatter={(v) => formatMs(Number(v))} {...axis} width={64} />
          <Tooltip {...tooltip} formatter={(v) => formatMs(v === null ? null : Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Line dataKey="p50" name="p50" stroke={C.primary} dot={{ r: 3, fill: C.primary }} connectNulls isAnimationActive={false} strokeWidth={2} />
          <Line dataKey="p95" name="p95" stroke={C.second} dot={{ r: 3, fill: C.second }} connectNulls isAnimationActive={false} strokeWidth={2} />
        </LineChart>
      </ChartCard>
      <ChartCard title="Tokens" testId="chart-tokens">
        <AreaChart data={points} margin={{ left: -8, right: 8 }}>
          <CartesianGrid stroke={C.grid} vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} {...axis} minTickGap={16} />
          <YAxis tickFormatter={formatCount} {...axis} />
          <Tooltip {...tooltip} formatter={(v) => formatCount(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Area dataKey="promptTokens" name="Prompt" stackId="t" stroke={C.primary} fill={C.primary} fillOpacity={0.25} isAnimationActive={false} />
          <Area dataKey="completionTokens" name="Completion" stackId="t" stroke={C.second} fill={C.second} fillOpacity={0.25} isAnimationActive={false} />
        </AreaChart>
      </ChartCard>
      <ChartCard title="Cost (USD)" testId="chart-cost">
        <BarChart data={points} margin={{ left: 0, right: 8 }}>
          <CartesianGrid stroke={C.grid} vertical={false} />
          <XAxis dataKey="day" tickFormatter={shortDay} {...axis} minTickGap={16} />
          <YAxis tickFormatter={costTick} {...axis} width={64} />
          <Tooltip {...tooltip} formatter={(v) => formatCost(Number(v))} cursor={{ fill: 'var(--mantine-color-default-hover)' }} />
          <Bar dataKey="cost" name="Cost" fill="var(--mantine-color-teal-6)" radius={[3, 3, 0, 0]} isAnimationActive={false} />
        </BarChart>
      </ChartCard>
    </SimpleGrid>
  );
}
