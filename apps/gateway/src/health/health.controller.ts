import { Controller, Get, Header } from '@nestjs/common';
import { type BreakerSnapshot, CircuitBreakerRegistry } from '@aigw/strategies';

/** Liveness, and the routing engine's view of upstream health. */
@Controller()
export class HealthController {
  constructor(private readonly breakers: CircuitBreakerRegistry) {}

  @Get()
  @Header('content-type', 'text/plain; charset=utf-8')
  root(): string {
    return 'AI Gateway says hey!';
  }

  @Get('health')
  health(): { status: string; uptimeSeconds: number } {
    return { status: 'ok', uptimeSeconds: Math.round(process.uptime()) };
  }

  /** Circuit-breaker state per upstream target, shared by every request of this process. */
  @Get('health/circuit-breakers')
  circuitBreakers(): { breakers: BreakerSnapshot[] } {
    return { breakers: this.breakers.snapshot() };
  }
}
