import { Global, Module } from '@nestjs/common';
import { MetricsService } from './metrics.service';

/**
 * The per-process Prometheus registry, for the API and the worker alike (feature modules such as
 * the LLM gateway register their series on it). Only the API exposes it over HTTP.
 */
@Global()
@Module({ providers: [MetricsService], exports: [MetricsService] })
export class MetricsModule {}
