export { AnthropicStub } from './anthropic-stub';
export { OpenAiStub } from './openai-stub';
export { NEVER } from './stub-server';
export type { RecordedRequest, StubReply } from './stub-server';
