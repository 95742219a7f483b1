import { CHAT_LIST_ORDER, ChatSchema } from './chat.schema';

describe('ChatSchema', () => {
  it("has an index that hands GET /chats' pages out in their order: no in-memory sort of a user's chats", () => {
    const indexes = ChatSchema.indexes().map(([fields]) => Object.entries(fields));
    // In key order: equality on the owner and the status, then every key of the sort.
    expect(indexes).toContainEqual([
      ['user_id', 1],
      ['status', 1],
      ...Object.entries(CHAT_LIST_ORDER),
    ]);
    expect(Object.keys(CHAT_LIST_ORDER)).toEqual(['created_at', '_id']);
  });
});
