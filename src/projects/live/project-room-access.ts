import { Injectable } from '@nestjs/common';
import { AccessTokenVerifier } from '@/auth/tokens/access-token.verifier';
import { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { AppError } from '@/common/errors';
import { HandshakeCredentials, tokenFrom } from '@/realtime/room-handshake';
import { ProjectAccess } from '../project-access';

/**
 * Who may listen to a project's room: the same access-token check as the HTTP API, then the same
 * owner check (someone else's project and a missing one are both NOT_FOUND). An archived or
 * deleted project is the caller's, and GET still shows it, but it streams nothing until it is
 * restored: CONFLICT, as the HTTP API answers a change to it. Throws AppError.
 */
@Injectable()
export class ProjectRoomAccess {
  constructor(
    private readonly tokens: AccessTokenVerifier,
    private readonly projects: ProjectAccess,
  ) {}

  async admit(credentials: HandshakeCredentials, projectId: string): Promise<AuthenticatedUser> {
    const user = await this.tokens.verify(tokenFrom(credentials));
    const project = await this.projects.owned(user.id, projectId);
    // Archiving or deleting ends its connections (after project_updated); reconnecting says why.
    if (project.status !== 'active') {
      throw new AppError(
        'CONFLICT',
        `Project is ${project.status}; restore it (PATCH status "active") to listen again`,
      );
    }
    return user;
  }
}
