/** The first-admin bootstrap outside Nest, for `npm run db:migrate` (scripts/db-migrate.mjs). */
import { PrismaService } from '../../database/prisma.service.js';
import { AuditLogService } from '../audit/audit-log.service.js';
import { BootstrapService, type BootstrapAdminInput, type BootstrapResult } from './bootstrap.service.js';

export async function bootstrapFirstAdmin(databaseUrl: string, input: BootstrapAdminInput): Promise<BootstrapResult> {
  const prisma = new PrismaService({ databaseUrl, poolSize: 2 });
  try {
    return await new BootstrapService(prisma, new AuditLogService(prisma)).ensureFirstAdmin(input);
  } finally {
    await prisma.$disconnect();
  }
}
