import { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { Model, Types } from 'mongoose';
import { Chat } from '@/chats/chat.schema';
import { Message } from '@/chats/messages/message.schema';
import { Project } from '@/projects/project.schema';
import { ProjectVersion } from '@/projects/versions/project-version.schema';

export interface PlannedQuery {
  readonly label: string;
  readonly plan: string;
}

/**
 * How the document store runs the queries behind the growth bench's routes, as the repositories
 * write them (filter, owner last, sort, limit): FerretDB's explain says which parts it pushed
 * down to its SQL backend (the rest it does in memory, over every document of the collection);
 * MongoDB's names the winning plan's stages (IXSCAN, FETCH, SORT, COLLSCAN).
 */
export async function queryPlans(
  app: INestApplication,
  ids: { userId: string; projectId: string; chatId: string; beforeSeq: number; before: Date },
): Promise<PlannedQuery[]> {
  const model = <T>(name: string) => app.get<Model<T>>(getModelToken(name));
  const projects = model<Project>(Project.name);
  const versions = model<ProjectVersion>(ProjectVersion.name);
  const chats = model<Chat>(Chat.name);
  const messages = model<Message>(Message.name);
  const user_id = new Types.ObjectId(ids.userId);
  const project_id = new Types.ObjectId(ids.projectId);
  const chat_id = new Types.ObjectId(ids.chatId);
  const plans: [string, Promise<unknown>][] = [
    // By _id alone, the owner checked on the document (OwnedRepository.findById).
    [
      'project by id (every project route)',
      projects.findOne({ _id: project_id }).explain('queryPlanner'),
    ],
    [
      'projects list page',
      projects
        .find({ status: 'active', user_id })
        .sort({ created_at: -1, _id: -1 })
        // No skip: FerretDB's explain refuses one (it skips in memory, after the sort, anyway).
        .limit(20)
        .explain('queryPlanner'),
    ],
    [
      'version history (detail)',
      versions
        .find({ complete: true, user_id, project_id })
        .select({ _id: 0, version: 1, timestamp: 1, changes: 1, usage: 1 })
        .sort({ seq: -1 })
        .explain('queryPlanner'),
    ],
    [
      'versions page (cursor)',
      versions
        .find({ complete: true, seq: { $lt: ids.beforeSeq }, user_id, project_id })
        .sort({ seq: -1 })
        .limit(51)
        .explain('queryPlanner'),
    ],
    ['chat by id', chats.findOne({ _id: chat_id }).explain('queryPlanner')],
    [
      'messages page (before)',
      messages
        .find({ timestamp: { $lt: ids.before }, user_id, chat_id })
        .sort({ timestamp: -1 })
        .limit(51)
        .explain('queryPlanner'),
    ],
  ];
  return Promise.all(
    plans.map(async ([label, explained]) => ({ label, plan: describe(await explained) })),
  );
}

interface Explained {
  readonly filterPushdown?: boolean;
  readonly sortPushdown?: boolean;
  readonly limitPushdown?: boolean;
  readonly queryPlanner?: { winningPlan?: PlanStage; Plan?: unknown };
}

interface PlanStage {
  readonly stage?: string;
  readonly indexName?: string;
  readonly inputStage?: PlanStage;
}

function describe(result: unknown): string {
  const explained = (Array.isArray(result) ? result[0] : result) as Explained;
  if (explained.filterPushdown !== undefined) {
    const flag = (value: boolean | undefined) => (value ? 'yes' : 'no');
    const sql = JSON.stringify(explained.queryPlanner?.Plan ?? '');
    return (
      `FerretDB: filter pushed down ${flag(explained.filterPushdown)}, sort ` +
      `${flag(explained.sortPushdown)}, limit ${flag(explained.limitPushdown)}; SQLite: ${sql}`
    );
  }
  const stages: string[] = [];
  for (let stage = explained.queryPlanner?.winningPlan; stage; stage = stage.inputStage) {
    stages.push(stage.indexName ? `${stage.stage}(${stage.indexName})` : String(stage.stage));
  }
  return `MongoDB: ${stages.join(' <- ')}`;
}
