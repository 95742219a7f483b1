import { UPLOAD_LIST_ORDER, UploadSchema } from './upload.schema';

describe('UploadSchema', () => {
  it("has an index that hands a project's uploads out in their order: no in-memory sort", () => {
    const indexes = UploadSchema.indexes().map(([fields]) => Object.entries(fields));
    expect(indexes).toContainEqual([
      ['user_id', 1],
      ['project_id', 1],
      ...Object.entries(UPLOAD_LIST_ORDER),
    ]);
    expect(Object.keys(UPLOAD_LIST_ORDER)).toEqual(['uploaded_at', '_id']);
  });
});
