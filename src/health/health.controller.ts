import { Controller, Get, HttpStatus, Res, UseGuards } from '@nestjs/common';
import {
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { Public } from '@/auth/decorators/public.decorator';
import { DetailedHealth, HealthService } from './health.service';
import { OpsTokenGuard } from './ops-token.guard';

@ApiTags('operations')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get()
  @ApiOperation({ summary: 'Liveness: the process serves HTTP' })
  @ApiOkResponse({ schema: { example: { status: 'ok' } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('detailed')
  @UseGuards(OpsTokenGuard)
  @ApiOperation({
    summary: 'Readiness: document store, Redis, storage, queue depth, memory, CPU, disk',
  })
  @ApiOkResponse({ description: 'Every dependency is up' })
  @ApiServiceUnavailableResponse({ description: 'At least one dependency is down' })
  async detailed(@Res({ passthrough: true }) res: Response): Promise<DetailedHealth> {
    const report = await this.health.detailed();
    if (report.status !== 'ok') res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
