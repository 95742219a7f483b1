/**
 * Seed 000's WebSocket messages as Socket.IO events: the event name is the seed's `type`, the
 * payload is its `data`. The server's emit calls and the e2e clients are both typed from here.
 */

/** agent_progress: a graph node started (step name, percent done, ETA in seconds). */
export interface AgentProgressData {
  readonly step: string;
  readonly progress: number;
  readonly estimated_time: number;
}

/** agent_complete after a generate or agent-mode iterate: the document as saved. */
export interface DocumentCompleteData {
  readonly prd_content: string;
  readonly flowchart_content: string;
  readonly thinking_lens_status: Readonly<Record<string, boolean>>;
  /** Beyond the seed's fields: the version the run saved and its one-line changes. */
  readonly version: string;
  readonly changes: string;
}

/**
 * agent_complete after a think-mode iterate: no document was written, so instead of repeating an
 * unchanged PRD it carries the answer (the same shape as the task's result); `mode` tells apart.
 */
export interface ThinkCompleteData {
  readonly mode: 'think';
  readonly answer: string;
  readonly based_on_version: string | null;
}

export type AgentCompleteData = DocumentCompleteData | ThinkCompleteData;

/** error: a run failed for good (after its retries), or a handshake was refused (connect_error). */
export interface RealtimeErrorData {
  readonly message: string;
  readonly error_code: string;
}

/** Server → client events on /ws/projects/{project_id}. */
export interface ProjectEvents {
  agent_progress: (data: AgentProgressData) => void;
  agent_complete: (data: AgentCompleteData) => void;
  error: (data: RealtimeErrorData) => void;
}

/** Server → client events on /ws/chats/{chat_id} (seed 000), for the chats feature's gateway. */
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
