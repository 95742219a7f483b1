import { Injectable } from '@nestjs/common';
import { AppError } from '@/common/errors';
import { Project } from './project.schema';
import { ProjectsRepository } from './projects.repository';

/**
 * The guard rail every project sub-resource goes through: someone else's project is a 404 (never
 * a 403 that would confirm it exists), and only an active project takes new work.
 */
@Injectable()
export class ProjectAccess {
  constructor(private readonly projects: ProjectsRepository) {}

  async owned(userId: string, projectId: string): Promise<Project> {
    const project = await this.projects.findOwned(userId, projectId);
    if (!project) throw AppError.notFound('Project');
    return project;
  }

  async active(userId: string, projectId: string): Promise<Project> {
    const project = await this.owned(userId, projectId);
    if (project.status !== 'active') throw notActive(project);
    return project;
  }
}

export function notActive(project: Pick<Project, 'status'>): AppError {
  return new AppError(
    'CONFLICT',
    `Project is ${project.status}; restore it (PATCH status "active") before changing it`,
    { status: project.status },
  );
}
