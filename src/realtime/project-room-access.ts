import { Injectable } from '@nestjs/common';
import { AccessTokenVerifier } from '@/auth/tokens/access-token.verifier';
import { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { AppError } from '@/common/errors';
import { ProjectAccess } from '@/projects/project-access';
import { HandshakeCredentials, tokenFrom } from './room-handshake';

/**
 * Who may listen to a project's room: the same access-token check as the HTTP API, then the same
 * owner check (someone else's project, a missing one and an archived or deleted one are all
 * NOT_FOUND). Throws AppError.
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
    // Archiving or deleting a project ends its connections as NOT_FOUND; reconnecting says the same.
    if (project.status !== 'active') throw AppError.notFound('Project');
    return user;
  }
}
