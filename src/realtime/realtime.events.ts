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

/** Server → client events on /ws/projects/{project_id}. */
export interface ProjectEvents {
  agent_progress: (data: AgentProgressData, meta: EventMeta) => void;
  agent_complete: (data: AgentCompleteData, meta: EventMeta) => void;
  /** Room errors carry a seq; the error that ends a revoked connection does not. */
  error: (data: RealtimeErrorData, meta?: EventMeta) => void;
  resync_required: (data: ResyncRequiredData) => void;
}

/** message_sent: the user's message is saved (content exactly as sent). */
export interface MessageSentData {
  readonly message_id: string;
  readonly content: string;
  readonly timestamp: string;
  /** Beyond the contract's fields: the files attached to the message. */
  readonly attachments: readonly { readonly file_id: string; readonly filename: string }[];
}

/** typing_indicator: the assistant started (is_typing, with an estimate in seconds) or stopped. */
export interface TypingIndicatorData {
  readonly is_typing: boolean;
  readonly estimated_time: number;
}

/** ai_response_streaming: the next piece of the reply; the last one is empty with is_complete. */
export interface AiResponseStreamingData {
  readonly content_delta: string;
  readonly is_complete: boolean;
}

export interface SuggestedActionData {
  readonly type: string;
  readonly label: string;
  readonly description?: string;
}

/** ai_response_complete: the saved assistant message, whole. */
export interface AiResponseCompleteData {
  readonly message_id: string;
  readonly content: string;
  readonly suggested_actions: readonly SuggestedActionData[];
}

/** error on a chat room: the reply failed for good; `message_id` is the failed assistant message. */
export interface ChatErrorData extends RealtimeErrorData {
  readonly message_id?: string;
}

/** Server → client events on /ws/chats/{chat_id}. */
export interface ChatEvents {
  message_sent: (data: MessageSentData, meta: EventMeta) => void;
  typing_indicator: (data: TypingIndicatorData, meta: EventMeta) => void;
  ai_response_streaming: (data: AiResponseStreamingData, meta: EventMeta) => void;
  ai_response_complete: (data: AiResponseCompleteData, meta: EventMeta) => void;
  error: (data: ChatErrorData, meta?: EventMeta) => void;
  resync_required: (data: ResyncRequiredData) => void;
}
