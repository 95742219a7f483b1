import { PROJECT_LIST_ORDER, ProjectSchema } from './project.schema';

describe('ProjectSchema', () => {
  it("has an index that hands GET /projects' pages out in their order: no in-memory sort of a user's projects", () => {
    const indexes = ProjectSchema.indexes().map(([fields]) => Object.entries(fields));
    // In key order: equality on the owner and the status, then every key of the sort.
    expect(indexes).toContainEqual([
      ['user_id', 1],
      ['status', 1],
      ...Object.entries(PROJECT_LIST_ORDER),
    ]);
    expect(Object.keys(PROJECT_LIST_ORDER)).toEqual(['created_at', '_id']);
  });
});
