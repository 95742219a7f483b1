import { applyDecorators } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse } from '@nestjs/swagger';
import { ApiAuthRequired, errorExample } from '@/common/decorators/api-errors.decorator';

/** Every project route: bearer auth, and 404 for a project that is not the caller's. */
export const ApiProjectRoute = (): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiBearerAuth(),
    ApiAuthRequired(),
    ApiNotFoundResponse({
      description: "No such project among the caller's (someone else's project is a 404 too)",
      schema: errorExample('Project not found', 'NOT_FOUND'),
    }),
  );

/** Routes that change a project: archived and deleted projects must be restored first. */
export const ApiProjectMustBeActive = (): MethodDecorator =>
  ApiConflictResponse({
    description: 'The project is archived or deleted',
    schema: errorExample(
      'Project is archived; restore it (PATCH status "active") before changing it',
      'CONFLICT',
      { status: 'archived' },
    ),
  });
