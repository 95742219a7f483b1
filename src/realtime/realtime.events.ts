import type { ErrorCode } from '@/common/errors';
import type { AgentRunResult } from '@/domain/agent-run';

/**
 * The API contract's WebSocket messages as Socket.IO events: the event name is the message's
 * `type`, the payload its `data`. The server's emit calls and the e2e clients are both typed from
 * here; what an agent run sends derives from the run contract (src/domain/agent-run.ts).
 */

/** agent_progress: a graph node started (step name, percent done, ETA in seconds). */
export interface AgentProgressData {
  readonly step: string;
  readonly progress: number;
  readonly estimated_time: number;
}

/**
 * agent_complete: the run's result, exactly what GET /generation-status returns as `result` (a
 * think-mode iterate writes no document, so it carries the answer; `mode` tells them apart).
 */
export type AgentCompleteData = AgentRunResult;

/**
 * error: a run failed for good (an AgentRunFailure: the task's `error` is the same), a handshake
 * was refused (connect_error), or a connection was revoked.
 */
export interface RealtimeErrorData {
  readonly message: string;
  readonly error_code: ErrorCode;
}

/** Server → client events on /ws/projects/{project_id}. */
export interface ProjectEvents {
  agent_progress: (data: AgentProgressData) => void;
  agent_complete: (data: AgentCompleteData) => void;
  error: (data: RealtimeErrorData) => void;
}

/** Server → client events on /ws/chats/{chat_id}, for the chats feature's gateway. */
export interface ChatEvents {
  message_sent: (data: { message_id: string; content: string; timestamp: string }) => void;
  ai_response_streaming: (data: { content_delta: string; is_complete: boolean }) => void;
  ai_response_complete: (data: {
    message_id: string;
    content: string;
    suggested_actions: readonly { type: string; label: string }[];
  }) => void;
  typing_indicator: (data: { is_typing: boolean; estimated_time: number }) => void;
  error: (data: RealtimeErrorData) => void;
}
