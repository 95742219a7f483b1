import { INestApplication } from '@nestjs/common';
import { getModelToken } from '@nestjs/mongoose';
import { createHash, randomUUID } from 'node:crypto';
import { Model, Types } from 'mongoose';
import { Chat } from '@/chats/chat.schema';
import { Message } from '@/chats/messages/message.schema';
import { AppConfig } from '@/config/app-config';
import { ProjectKeys } from '@/projects/project-keys';
import { Project } from '@/projects/project.schema';
import { ClarificationSession } from '@/projects/sessions/session.schema';
import { ProjectVersion } from '@/projects/versions/project-version.schema';
import { labelFor } from '@/projects/versions/version-label';

/**
 * Bulk seeding for the growth bench: documents written straight through the app's own Mongoose
 * models (`insertMany` in batches, raw: no per-document hydration), with every field the app's
 * repositories write, owner ids included, and the ordinals the app derives (a project's version
 * counter and pointer, a version's seq and label, a message's seq and strictly increasing
 * timestamp, a chat's message_count and last_message_at). HTTP would take minutes for 10,000.
 */
export class GrowthSeeder {
  private readonly projects: Model<Project>;
  private readonly versions: Model<ProjectVersion>;
  private readonly chats: Model<Chat>;
  private readonly messages: Model<Message>;
  private readonly sessions: Model<ClarificationSession>;
  private readonly env: AppConfig['env'];

  constructor(app: INestApplication) {
    this.projects = app.get(getModelToken(Project.name));
    this.versions = app.get(getModelToken(ProjectVersion.name));
    this.chats = app.get(getModelToken(Chat.name));
    this.messages = app.get(getModelToken(Message.name));
    this.sessions = app.get(getModelToken(ClarificationSession.name));
    this.env = app.get(AppConfig).env;
  }

  /**
   * `count` projects of the user, one an hour going back from an hour ago (so a project made
   * through HTTP afterwards is the newest), each with three versions written (v1.2 current).
   */
  async projectsOf(userId: string, count: number): Promise<void> {
    const owner = new Types.ObjectId(userId);
    const start = Date.now() - 3_600_000 * (count + 1);
    await inBatches(
      count,
      (i) => {
        const _id = new Types.ObjectId();
        const created = new Date(start + i * 3_600_000);
        const updated = new Date(created.getTime() + 600_000);
        return {
          _id,
          user_id: owner,
          project_name: `Marketplace idea ${i + 1}`,
          initial_idea: `A marketplace where small businesses (${i + 1}) hire vetted freelancers, with escrow`,
          status: 'active',
          source_chat_id: null,
          created_from_chat: false,
          current_version: labelFor(2),
          current_version_seq: 2,
          current_version_usage: { model_used: 'offline', tokens_used: 0, cost_usd: 0 },
          next_version_seq: 3,
          s3_path: new ProjectKeys(this.env, userId, _id.toHexString()).root,
          metadata: {
            thinking_lens_status: LENSES,
            last_agent_run: updated,
            total_iterations: 3,
          },
          created_at: created,
          updated_at: updated,
        };
      },
      (batch) => this.projects.insertMany(batch, { lean: true }),
    );
  }

  /**
   * `count` versions v1.0 … v1.{count-1} of a project that has none yet, ten minutes apart and
   * all complete, with the object keys a save gives them; the project's counter moves past
   * them. Its pointer is left alone: the real save through HTTP that follows gets the next number
   * and becomes current (its objects are written, which the detail route and the save read).
   */
  async versionsOf(userId: string, projectId: string, count: number): Promise<void> {
    const owner = new Types.ObjectId(userId);
    const project = new Types.ObjectId(projectId);
    const keys = new ProjectKeys(this.env, userId, projectId);
    const start = Date.now() - 600_000 * (count + 1);
    await inBatches(
      count,
      (seq) => {
        const label = labelFor(seq);
        const timestamp = new Date(start + seq * 600_000);
        const folder = keys.versionFolder(timestamp, label);
        const byAgent = seq % 3 !== 2;
        return {
          _id: new Types.ObjectId(),
          project_id: project,
          user_id: owner,
          seq,
          version: label,
          timestamp,
          changes: byAgent ? `Revised the metrics section (${label})` : `Manual edit ${seq}`,
          author: byAgent ? { kind: 'agent', id: 'iterate' } : { kind: 'user', id: userId },
          prd_key: `${folder}prd.md`,
          flowchart_key: `${folder}flowchart.mmd`,
          metadata_key: `${folder}metadata.json`,
          prd_sha256: createHash('sha256').update(label).digest('hex'),
          thinking_lens_status: LENSES,
          usage: byAgent ? { model_used: 'offline', tokens_used: 0, cost_usd: 0 } : null,
          complete: true,
          task_id: byAgent ? randomUUID() : null,
        };
      },
      (batch) => this.versions.insertMany(batch, { lean: true }),
    );
    await this.projects.updateOne(
      { _id: project, user_id: owner },
      { $set: { next_version_seq: count, 'metadata.total_iterations': count } },
      { timestamps: false },
    );
  }

  /**
   * `count` messages of a chat that has none, a user message then the assistant's reply in
   * turn, seq 1…count, 30 s apart (strictly increasing, as the chat's lock hands them out);
   * the chat's message_count and last_message_at follow the newest, as the app derives them.
   * Answers the timestamp of a message by its seq.
   */
  async messagesOf(userId: string, chatId: string, count: number): Promise<(seq: number) => Date> {
    const owner = new Types.ObjectId(userId);
    const chat = new Types.ObjectId(chatId);
    const start = Date.now() - 30_000 * (count + 1);
    let lastUser: Types.ObjectId | null = null;
    await inBatches(
      count,
      (i) => {
        const _id = new Types.ObjectId();
        const seq = i + 1;
        const timestamp = new Date(start + i * 30_000);
        const assistant = i % 2 === 1;
        const replyTo = assistant ? lastUser : null;
        if (!assistant) lastUser = _id;
        return {
          _id,
          chat_id: chat,
          user_id: owner,
          seq,
          message_type: assistant ? 'assistant' : 'user',
          content: assistant
            ? `Good point. Who pays the escrow fee, and when is it released? (${seq})\n\n- Option A\n- Option B`
            : `Freelancers should get paid within 48 hours of the client's approval (${seq}).`,
          timestamp,
          status: 'complete',
          reply_to: replyTo,
          metadata: assistant
            ? { tokens_used: 0, response_time_ms: 40, model_used: 'offline', context_length: 0 }
            : null,
          suggested_actions: [],
          attachments: [],
          error: null,
        };
      },
      (batch) => this.messages.insertMany(batch, { lean: true }),
    );
    await this.chats.updateOne(
      { _id: chat, user_id: owner },
      {
        $set: {
          'metadata.message_count': count,
          last_message_at: new Date(start + (count - 1) * 30_000),
        },
      },
    );
    return (seq) => new Date(start + (seq - 1) * 30_000);
  }

  /** Everything of the user in the collections the bench grows (between sizes). */
  async clear(userId: string): Promise<void> {
    const user_id = new Types.ObjectId(userId);
    await Promise.all([
      this.projects.deleteMany({ user_id }),
      this.versions.deleteMany({ user_id }),
      this.chats.deleteMany({ user_id }),
      this.messages.deleteMany({ user_id }),
      this.sessions.deleteMany({ user_id }),
    ]);
  }

  /** How many documents each grown collection holds now (every owner). */
  async totals(): Promise<Record<string, number>> {
    const [projects, versions, messages] = await Promise.all([
      this.projects.estimatedDocumentCount(),
      this.versions.estimatedDocumentCount(),
      this.messages.estimatedDocumentCount(),
    ]);
    return { projects, versions, messages };
  }
}

const LENSES = { discovery: true, user_journey: true, metrics: true, gtm: false, risks: false };
const BATCH = 1_000;

async function inBatches<T>(
  count: number,
  make: (index: number) => T,
  write: (batch: T[]) => Promise<unknown>,
): Promise<void> {
  for (let from = 0; from < count; from += BATCH) {
    const batch: T[] = [];
    for (let i = from; i < Math.min(count, from + BATCH); i += 1) batch.push(make(i));
    await write(batch);
  }
}
