import type { ErrorCode } from '@/common/errors';
import type { AgentRunResult } from '@/domain/agent-run';

/**
 * The API contract's WebSocket messages as Socket.IO events: the event name is the message's
 * `type`, the payload its `data`. The server's emit calls and the e2e clients are both typed from
 * here; what an agent run sends derives from the run contract (src/domain/agent-run.ts).
 */

/**
 * Every event of a project's room says which task it belongs to (the task_id POST clarifications
 * and iterate answered with), so a client running two at once can tell their progress apart;
 * null for what no task caused (a manual save, a rollback, a rename).
 */
export interface TaskEvent {
  readonly task_id: string | null;
}

/** agent_progress: a graph node started (step name, percent done, ETA in seconds). */
export interface AgentProgressData extends TaskEvent {
  readonly task_id: string;
  readonly step: string;
  readonly progress: number;
  readonly estimated_time: number;
  /** Twins of `step` and `estimated_time` under GET /generation-status's names. */
  readonly current_step: string;
  readonly estimated_time_remaining: number;
}

/**
 * agent_complete: the run's result, exactly what GET /generation-status returns as `result` (a
 * think-mode iterate writes no document, so it carries the answer; `mode` tells them apart).
 * A task's agent_complete comes after all of its agent_progress.
 */
export type AgentCompleteData = AgentRunResult & { readonly task_id: string };

/**
 * error: a run failed for good (an AgentRunFailure: the task's `error` is the same), a handshake
 * was refused (connect_error), or a connection was revoked.
 */
export interface RealtimeErrorData {
  readonly message: string;
  readonly error_code: ErrorCode;
}

/**
 * The second argument of every room event: its place in the room's sequence. Numbers grow by one
 * per event in a room; a client that reconnects with the last one it saw (`auth.last_seq` or
 * `?last_seq=`) first receives what it missed, then live events, never one twice.
 */
export interface EventMeta {
  readonly seq: number;
}

/**
 * Sent (instead of a replay) when the client's `last_seq` is older than the events the server
 * still keeps: what it missed is gone from the live window, so it should reload over HTTP.
 */
export interface ResyncRequiredData {
  readonly last_seq: number;
  /** The oldest event still kept, or null when none is. */
  readonly oldest_seq: number | null;
}

/** error on a project's room: a task failed for good (the task's `error` says the same). */
export interface AgentErrorData extends RealtimeErrorData {
  readonly task_id: string;
}

/** Where a version came from: an agent task (generate, agent-mode iterate), a person, a rollback. */
export type VersionEventSource = 'generation' | 'iteration' | 'manual' | 'rollback';

/**
 * version_created: a version was saved (by a task, or by a person: task_id null), or a rollback
 * made an earlier one current (`version` is then that earlier one). Other tabs reload the PRD.
 * An agent task's version_created comes before its agent_complete.
 */
export interface VersionCreatedData extends TaskEvent {
  readonly version: string;
  /** The current version afterwards (a save that finished after a newer one leaves that one). */
  readonly current_version: string;
  readonly source: VersionEventSource;
  readonly changes: string;
  /** When the version was saved (for a rollback: when the version rolled back to was). */
  readonly timestamp: string;
  readonly author: { readonly kind: 'user' | 'agent'; readonly id: string };
}

/**
 * project_updated: renamed, archived, restored or deleted (the project's row as GET /projects
 * lists it, in short). Archiving or deleting ends the room's connections right after this event
 * (a server disconnect, no `error`); reconnecting is refused with CONFLICT until it is restored.
 */
export interface ProjectUpdatedData extends TaskEvent {
  readonly task_id: null;
  readonly project_id: string;
  readonly project_name: string;
  readonly status: 'active' | 'archived' | 'deleted';
  readonly current_version: string | null;
  readonly updated_at: string;
}

/** Server → client events on /ws/projects/{project_id}. */
export interface ProjectEvents {
  version_created: (data: VersionCreatedData, meta: EventMeta) => void;
  project_updated: (data: ProjectUpdatedData, meta: EventMeta) => void;
  agent_progress: (data: AgentProgressData, meta: EventMeta) => void;
  agent_complete: (data: AgentCompleteData, meta: EventMeta) => void;
  /**
   * Room errors (a failed task) carry a seq and the task_id; the error that ends a revoked
   * connection carries neither.
   */
  error: (data: AgentErrorData | RealtimeErrorData, meta?: EventMeta) => void;
  resync_required: (data: ResyncRequiredData) => void;
}

/**
 * Every event of one chat exchange names it: `task_id` is the id of the user's message being
 * answered (message_sent's message_id), so a client with two exchanges in flight (two tabs)
 * can tell their streams apart.
 */
export interface ChatTaskEvent {
  readonly task_id: string;
}

/** message_sent: the user's message is saved (content exactly as sent). */
export interface MessageSentData extends ChatTaskEvent {
  readonly message_id: string;
  readonly content: string;
  readonly timestamp: string;
  /** Beyond the contract's fields: the files attached to the message. */
  readonly attachments: readonly { readonly file_id: string; readonly filename: string }[];
}

/** typing_indicator: the assistant started (is_typing, with an estimate in seconds) or stopped. */
export interface TypingIndicatorData extends ChatTaskEvent {
  readonly is_typing: boolean;
  readonly estimated_time: number;
}

/** ai_response_streaming: the next piece of the reply; the last one is empty with is_complete. */
export interface AiResponseStreamingData extends ChatTaskEvent {
  readonly content_delta: string;
  readonly is_complete: boolean;
}

export interface SuggestedActionData {
  readonly type: string;
  readonly label: string;
  readonly description?: string;
}

/** ai_response_complete: the saved assistant message, whole. */
export interface AiResponseCompleteData extends ChatTaskEvent {
  readonly message_id: string;
  readonly content: string;
  readonly suggested_actions: readonly SuggestedActionData[];
}

/** error on a chat room: the reply failed for good; `message_id` is the failed assistant message. */
export interface ChatErrorData extends RealtimeErrorData, ChatTaskEvent {
  readonly message_id?: string;
}

/** Server → client events on /ws/chats/{chat_id}. */
export interface ChatEvents {
  message_sent: (data: MessageSentData, meta: EventMeta) => void;
  typing_indicator: (data: TypingIndicatorData, meta: EventMeta) => void;
  ai_response_streaming: (data: AiResponseStreamingData, meta: EventMeta) => void;
  ai_response_complete: (data: AiResponseCompleteData, meta: EventMeta) => void;
  /** A failed reply carries a seq and the task_id; a revocation's error neither. */
  error: (data: ChatErrorData | RealtimeErrorData, meta?: EventMeta) => void;
  resync_required: (data: ResyncRequiredData) => void;
}
