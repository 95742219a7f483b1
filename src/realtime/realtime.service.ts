import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import { Emitter } from '@socket.io/redis-emitter';
import Redis from 'ioredis';
import { AppConfig } from '@/config/app-config';
import {
  chatAddress,
  chatRoom,
  projectAddress,
  realtimeChannelKey,
  REVOKE_EVENT,
  RoomAddress,
  familyRoom,
  userRoom,
} from './realtime-channels';
import {
  AgentCompleteData,
  AgentErrorData,
  AgentProgressData,
  AiResponseCompleteData,
  AiResponseStreamingData,
  ChatErrorData,
  ChatEvents,
  MessageSentData,
  ProjectEvents,
  ProjectUpdatedData,
  TypingIndicatorData,
  VersionCreatedData,
} from './realtime.events';
import { ProgressCoalescer } from './progress-coalescer';
import { quitRedis, realtimeRedis } from './realtime-redis';
import { RevokeRequest } from './realtime-revocation';
import { AppendOptions, RoomLog } from './room-log';

/** The payload of a room event, from the event map of its namespace. */
type DataOf<Events, E extends keyof Events> = Events[E] extends (
  data: infer D,
  ...rest: never[]
) => void
  ? D
  : never;

/**
 * The one place socket events leave, from the API or a worker alike. Room events are numbered
 * and kept for replay by RoomLog, which publishes them through Redis to every API replica
 * (LiveRooms delivers them); revocations go through the Socket.IO Redis emitter to every
 * replica's server. Nothing is emitted through a local server: the worker has none, and an API
 * instance's own clients hear an event the way every other instance's do.
 *
 * Live updates are best effort: a failed publish is logged and never fails the work that
 * produced it (GET /generation-status and the chat's messages stay the source of truth). Calls
 * go out on one connection in call order, so one process's events keep their order; a burst of
 * agent_progress in a project room is coalesced to its newest update.
 */
@Injectable()
export class RealtimeService implements OnApplicationShutdown {
  private readonly logger = new Logger(RealtimeService.name);
  private readonly redis: Redis;
  private readonly emitter: Emitter;
  /** Project rooms: bursts of agent_progress coalesce, agent_complete and error never do. */
  private readonly projects = new ProgressCoalescer((projectId, event, data, options) =>
    this.publish(projectAddress(projectId), event, data, options),
  );

  constructor(
    config: AppConfig,
    private readonly log: RoomLog,
  ) {
    this.redis = realtimeRedis(config, 'publisher');
    // The emitter fires PUBLISH and drops the promise: catch here so an outage is a log line,
    // not an unhandled rejection.
    const publisher = {
      publish: (channel: string, message: string | Buffer) =>
        this.redis.publish(channel, message).catch((error: unknown) => {
          this.logger.warn(`Live update not published: ${(error as Error).message}`);
          return 0;
        }),
    };
    this.emitter = new Emitter(publisher, { key: realtimeChannelKey(config) });
  }

  /**
   * Coalesced: while a publish of the room is under way only the newest update waits for its
   * turn (see ProgressCoalescer).
   */
  projectProgress(projectId: string, update: AgentProgressData): void {
    this.toProject(projectId, 'agent_progress', update, 'latest');
  }

  projectComplete(projectId: string, result: AgentCompleteData): void {
    this.toProject(projectId, 'agent_complete', result, 'always');
  }

  projectError(projectId: string, failure: AgentErrorData): void {
    this.toProject(projectId, 'error', failure, 'always');
  }

  projectVersionCreated(projectId: string, version: VersionCreatedData): void {
    this.toProject(projectId, 'version_created', version, 'always');
  }

  /**
   * The project changed (renamed, archived, restored, deleted). With `endConnections` (it is no
   * longer active) the room's sockets are disconnected right after hearing it, on every replica.
   */
  projectUpdated(
    projectId: string,
    project: ProjectUpdatedData,
    { endConnections }: { endConnections: boolean },
  ): void {
    this.toProject(projectId, 'project_updated', project, 'always', { close: endConnections });
  }

  chatMessageSent(chatId: string, message: MessageSentData): void {
    this.toChat(chatId, 'message_sent', message);
  }

  chatTyping(chatId: string, typing: TypingIndicatorData): void {
    this.toChat(chatId, 'typing_indicator', typing);
  }

  chatStreaming(chatId: string, piece: AiResponseStreamingData): void {
    this.toChat(chatId, 'ai_response_streaming', piece);
  }

  chatComplete(chatId: string, reply: AiResponseCompleteData): void {
    this.toChat(chatId, 'ai_response_complete', reply);
  }

  chatError(chatId: string, error: ChatErrorData): void {
    this.toChat(chatId, 'error', error);
  }

  /** Ended token families: their sockets get `error` UNAUTHORIZED, then disconnect. */
  endFamilies(familyIds: readonly string[]): void {
    if (familyIds.length === 0) return;
    this.revoke({
      rooms: familyIds.map(familyRoom),
      error: { message: 'The session has ended', error_code: 'UNAUTHORIZED' },
    });
  }

  /** A deleted account: every socket of the user, whichever token family opened it. */
  endUser(userId: string): void {
    this.revoke({
      rooms: [userRoom(userId)],
      error: { message: 'The account has been deleted', error_code: 'UNAUTHORIZED' },
    });
  }

  /** A deleted chat: its sockets get `error` NOT_FOUND, then disconnect. */
  closeChat(chatId: string): void {
    this.revoke({
      rooms: [chatRoom(chatId)],
      error: { message: 'Chat not found', error_code: 'NOT_FOUND' },
    });
  }

  async onApplicationShutdown(): Promise<void> {
    await quitRedis(this.redis);
  }

  /**
   * Every API replica ends its own sockets in the rooms (see realtime-revocation.ts): a room-wide
   * disconnectSockets through the emitter would need each socket's child namespace, which a
   * token family or a user does not name.
   */
  private revoke(request: RevokeRequest): void {
    this.emitter.serverSideEmit(REVOKE_EVENT, request);
  }

  private toProject<E extends Exclude<keyof ProjectEvents, 'resync_required'>>(
    projectId: string,
    event: E,
    data: DataOf<ProjectEvents, E>,
    delivery: 'latest' | 'always',
    options?: AppendOptions,
  ): void {
    if (delivery === 'latest') {
      // Each task's progress is coalesced apart: two tasks in one room each show their newest.
      this.projects.latest(projectId, event, data, (data as { task_id?: string }).task_id ?? '');
    } else {
      this.projects.always(projectId, event, data, options);
    }
  }

  private toChat<E extends Exclude<keyof ChatEvents, 'resync_required'>>(
    chatId: string,
    event: E,
    data: DataOf<ChatEvents, E>,
  ): void {
    void this.publish(chatAddress(chatId), event, data);
  }

  /** Settles when Redis has numbered and published the event; never rejects. */
  private publish(
    address: RoomAddress,
    event: string,
    data: unknown,
    options?: AppendOptions,
  ): Promise<void> {
    return this.log.append(address, event, data, options).then(
      () => undefined,
      (error: unknown) => {
        this.logger.warn(`Live update not published: ${(error as Error).message}`);
      },
    );
  }
}
