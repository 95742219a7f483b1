export { AnthropicStub } from './anthropic-stub';
export { OpenAiStub } from './openai-stub';
export type { RecordedRequest, StubReply } from './stub-server';
