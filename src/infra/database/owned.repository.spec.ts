import { Model, Types } from 'mongoose';
import { OwnedRepository } from './owned.repository';

interface Note {
  _id: Types.ObjectId;
  user_id: Types.ObjectId;
  chat_id: Types.ObjectId;
}

/** A repository of top-level notes (by _id) or of notes under a chat (by chat_id). */
class Notes extends OwnedRepository<Note> {
  constructor(model: Model<Note>, parentField: '_id' | 'chat_id') {
    super(model, parentField);
  }

  top(userId: string, noteId: string): Promise<Note | null> {
    const owner = this.owner(userId, noteId);
    return owner ? this.findById(owner) : Promise.resolve(null);
  }

  inChat(userId: string, chatId: string, noteId: string): Promise<Note | null> {
    const owner = this.owner(userId, chatId);
    return owner ? this.findById(owner, new Types.ObjectId(noteId)) : Promise.resolve(null);
  }
}

/** A model over `stored` that records the filters it was asked. */
function aModel(stored: Note[]) {
  const asked: unknown[] = [];
  const model = {
    findOne: (filter: { _id: Types.ObjectId }) => {
      asked.push(filter);
      const found = stored.find((note) => note._id.equals(filter._id)) ?? null;
      return { lean: () => ({ exec: () => Promise.resolve(found) }) };
    },
  } as unknown as Model<Note>;
  return { model, asked };
}

describe('OwnedRepository.findById', () => {
  const owner = new Types.ObjectId();
  const chat = new Types.ObjectId();
  const note: Note = { _id: new Types.ObjectId(), user_id: owner, chat_id: chat };
  const id = note._id.toHexString();

  it('asks the store by _id alone: the one filter the embedded store looks up by its key', async () => {
    const { model, asked } = aModel([note]);
    await new Notes(model, '_id').top(owner.toHexString(), id);
    expect(asked).toEqual([{ _id: note._id }]);
  });

  it("answers the owner's document, and null for anyone else's, as a query with the owner would", async () => {
    const { model } = aModel([note]);
    const notes = new Notes(model, '_id');
    await expect(notes.top(owner.toHexString(), id)).resolves.toBe(note);
    await expect(notes.top(new Types.ObjectId().toHexString(), id)).resolves.toBeNull();
    await expect(
      notes.top(owner.toHexString(), new Types.ObjectId().toHexString()),
    ).resolves.toBeNull();
  });

  it('checks the parent the owner filter names too (a message of another chat is not found)', async () => {
    const { model } = aModel([note]);
    const notes = new Notes(model, 'chat_id');
    await expect(notes.inChat(owner.toHexString(), chat.toHexString(), id)).resolves.toBe(note);
    const otherChat = new Types.ObjectId().toHexString();
    await expect(notes.inChat(owner.toHexString(), otherChat, id)).resolves.toBeNull();
  });
});
