/**
 * The audit trail of admin writes: who, what, when. Services record inside the transaction that
 * makes the change, so a change never lands without its entry. Callers pass only non-secret
 * details; `scrub` is a second line of defence against a secret slipping into them.
 */
import { Injectable } from '@nestjs/common';
import type { Prisma } from '../../generated/prisma/client.js';
import { PrismaService } from '../../database/prisma.service.js';
import type { Actor } from './actor.js';

export type Db = PrismaService | Prisma.TransactionClient;

export interface AuditEntry {
  workspaceId?: string | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  details?: Record<string, unknown>;
}

const SECRET_KEY = /secret|password|api_?key$|token|private_?key|credential/i;

/** Replaces values under secret-looking keys, at any depth. */
export function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>).map(([key, v]) => [key, SECRET_KEY.test(key) ? '[redacted]' : scrub(v)]),
    );
  }
  return value;
}

export interface AuditQuery {
  limit: number;
  /** `id` of the last entry of the previous page. */
  before?: bigint;
}

@Injectable()
export class AuditLogService {
  constructor(private readonly prisma: PrismaService) {}

  async record(db: Db, actor: Actor, entry: AuditEntry): Promise<void> {
    await db.auditLog.create({
      data: {
        workspaceId: entry.workspaceId ?? null,
        actorType: actor.type,
        actorId: actor.id ?? null,
        actorLabel: actor.label ?? null,
        action: entry.action,
        targetType: entry.targetType,
        targetId: entry.targetId ?? null,
        details: entry.details ? (scrub(entry.details) as Prisma.InputJsonValue) : undefined,
      },
    });
  }

  async list(workspaceId: string, query: AuditQuery) {
    const rows = await this.prisma.auditLog.findMany({
      where: { workspaceId, ...(query.before !== undefined ? { id: { lt: query.before } } : {}) },
      orderBy: { id: 'desc' },
      take: query.limit + 1,
    });
    const page = rows.slice(0, query.limit);
    return {
      data: page.map((row) => ({ ...row, id: row.id.toString() })),
      nextCursor: rows.length > query.limit ? page[page.length - 1]!.id.toString() : null,
    };
  }
}
