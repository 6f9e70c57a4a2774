import { Controller, Get, Header } from '@nestjs/common';

/** Liveness: answers as long as the process serves HTTP. */
@Controller()
export class HealthController {
  @Get()
  @Header('content-type', 'text/plain; charset=utf-8')
  root(): string {
    return 'AI Gateway says hey!';
  }

  @Get('health')
  health(): { status: string; uptimeSeconds: number } {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }
}
