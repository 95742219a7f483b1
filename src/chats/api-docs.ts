import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import { ApiAuthRequired, errorExample } from '@/common/decorators/api-errors.decorator';

/** Every chat route: bearer auth, and 404 for a chat that is not the caller's or is deleted. */
export const ApiChatRoute = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiBearerAuth(),
    ApiAuthRequired(),
    ApiNotFoundResponse({
      description:
        "No such chat among the caller's: someone else's chat and a deleted one are a 404 too",
      schema: errorExample('Chat not found', 'NOT_FOUND'),
    }),
  );

/** Routes that add to a chat: an archived chat must be restored first. */
export const ApiChatMustBeActive = (): MethodDecorator =>
  ApiConflictResponse({
    description: 'The chat is archived',
    schema: errorExample(
      'Chat is archived; restore it (PUT status "active") before adding to it',
      'CONFLICT',
      { status: 'archived' },
    ),
  });
