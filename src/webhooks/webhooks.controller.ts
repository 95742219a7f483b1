import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBody,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { ApiValidationFailed } from '@/common/decorators/api-errors.decorator';
import { CurrentUser } from '@/auth/decorators/current-user.decorator';
import { ApiRedeliveryRefused, ApiWebhookQuota, ApiWebhookRoute } from './api-docs';
import { ListDeliveriesQuery } from './dto/list-deliveries.query';
import { CreateWebhookDto, UpdateWebhookDto } from './dto/webhook-input.dto';
import {
  DeliveryListDto,
  RedeliveryDto,
  WebhookDeletedDto,
  WebhookDto,
  WebhookListDto,
  WebhookWithSecretDto,
} from './dto/webhook-responses.dto';
import { WebhooksService } from './webhooks.service';

@ApiTags('webhooks')
@ApiWebhookRoute()
@Controller('webhooks')
export class WebhooksController {
  constructor(private readonly webhooks: WebhooksService) {}

  @Post()
  @ApiOperation({
    summary: 'Register an endpoint for some events; the signing secret is in this answer only',
  })
  @ApiBody({ type: CreateWebhookDto })
  @ApiCreatedResponse({ type: WebhookWithSecretDto })
  @ApiValidationFailed(
    'Validation failed: url resolves to 127.0.0.1, a loopback, private, link-local or otherwise non-public address',
  )
  @ApiWebhookQuota()
  create(
    @CurrentUser() user: AuthenticatedUser,
    @Body() dto: CreateWebhookDto,
  ): Promise<WebhookWithSecretDto> {
    return this.webhooks.create(user.id, dto);
  }

  @Get()
  @ApiOperation({ summary: "The caller's webhooks, newest first (no secrets)" })
  @ApiOkResponse({ type: WebhookListDto })
  async list(@CurrentUser() user: AuthenticatedUser): Promise<WebhookListDto> {
    return { webhooks: await this.webhooks.list(user.id) };
  }

  @Get(':webhook_id')
  @ApiOperation({ summary: 'One webhook, with why it was disabled if it was' })
  @ApiOkResponse({ type: WebhookDto })
  get(
    @CurrentUser() user: AuthenticatedUser,
    @Param('webhook_id') webhookId: string,
  ): Promise<WebhookDto> {
    return this.webhooks.get(user.id, webhookId);
  }

  @Patch(':webhook_id')
  @ApiOperation({
    summary: 'Change the URL, events or description; pause, resume or re-enable (active)',
  })
  @ApiBody({ type: UpdateWebhookDto })
  @ApiOkResponse({ type: WebhookDto })
  @ApiValidationFailed(
    'Validation failed: each value in events must be one of the following values: project.created, version.created, generation.failed, chat.converted',
  )
  update(
    @CurrentUser() user: AuthenticatedUser,
    @Param('webhook_id') webhookId: string,
    @Body() dto: UpdateWebhookDto,
  ): Promise<WebhookDto> {
    return this.webhooks.update(user.id, webhookId, dto);
  }

  @Delete(':webhook_id')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Delete a webhook and its delivery log; queued attempts are dropped' })
  @ApiOkResponse({ type: WebhookDeletedDto })
  async remove(
    @CurrentUser() user: AuthenticatedUser,
    @Param('webhook_id') webhookId: string,
  ): Promise<WebhookDeletedDto> {
    await this.webhooks.remove(user.id, webhookId);
    return { message: 'Webhook deleted successfully' };
  }

  @Post(':webhook_id/rotate-secret')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'A new signing secret (in this answer only); the old one also signs for a grace period',
  })
  @ApiOkResponse({ type: WebhookWithSecretDto })
  rotateSecret(
    @CurrentUser() user: AuthenticatedUser,
    @Param('webhook_id') webhookId: string,
  ): Promise<WebhookWithSecretDto> {
    return this.webhooks.rotateSecret(user.id, webhookId);
  }

  @Get(':webhook_id/deliveries')
  @ApiOperation({
    summary: 'The delivery log, newest first: status, attempts, status codes, latency, errors',
  })
  @ApiOkResponse({ type: DeliveryListDto })
  @ApiValidationFailed('Validation failed: limit must not be greater than 100')
  deliveries(
    @CurrentUser() user: AuthenticatedUser,
    @Param('webhook_id') webhookId: string,
    @Query() query: ListDeliveriesQuery,
  ): Promise<DeliveryListDto> {
    return this.webhooks.deliveriesOf(user.id, webhookId, query);
  }

  @Post('deliveries/:delivery_id/redeliver')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({
    summary:
      'Send a finished delivery again (same delivery_id and payload, a new round of attempts)',
  })
  @ApiAcceptedResponse({ type: RedeliveryDto })
  @ApiRedeliveryRefused()
  async redeliver(
    @CurrentUser() user: AuthenticatedUser,
    @Param('delivery_id') deliveryId: string,
  ): Promise<RedeliveryDto> {
    return {
      message: 'Redelivery queued',
      delivery: await this.webhooks.redeliver(user.id, deliveryId),
    };
  }
}
