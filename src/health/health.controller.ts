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
    summary:
      'Readiness: document store, Redis, storage, queue depth, queue consumers, memory, CPU, disk',
  })
  @ApiOkResponse({
    description:
      'The API can serve: `status` is `ok`, or `degraded` when only the workers check is down ' +
      '(jobs wait and no queue consumer has beaten for 60 s)',
  })
  @ApiServiceUnavailableResponse({
    description: 'A dependency the API needs (document store, Redis, storage, queue) is down',
  })
  async detailed(@Res({ passthrough: true }) res: Response): Promise<DetailedHealth> {
    const report = await this.health.detailed();
    if (!report.ready) res.status(HttpStatus.SERVICE_UNAVAILABLE);
    return report;
  }
}
