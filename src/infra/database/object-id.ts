import { Types } from 'mongoose';

const OBJECT_ID = /^[0-9a-f]{24}$/i;

/**
 * A path id as an ObjectId, or null when it cannot be one. Callers answer 404 for null: a
 * malformed id names nobody's resource, and a 400 would only tell probes the format.
 */
export function parseObjectId(id: string): Types.ObjectId | null {
  return OBJECT_ID.test(id) ? new Types.ObjectId(id) : null;
}
