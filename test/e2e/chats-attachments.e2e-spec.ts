import { getModelToken } from '@nestjs/mongoose';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Model, Types } from 'mongoose';
import { ChatAttachment } from '@/chats/attachments/chat-attachment.schema';
import { createTestApp, TestApp } from '@test/support/create-test-app';
import { aSignedInUser, SignedInUser } from '@test/support/factories';
import { aChat, chatOf, messagesOf, postMessage } from '@test/support/factories/chats';
import {
  downloadBytes,
  fieldNames,
  PROJECT_TEST_ENV,
  rawMultipart,
} from '@test/support/factories/projects';
import { aMarkdown, aPdf, aPng } from '@test/support/fixtures/documents';

const MAX_BYTES = 64 * 1024;
const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

describe('Chat attachments: the uploads rules, stored under chats/{chat_id}/attachments/', () => {
  let testApp: TestApp;
  let owner: SignedInUser;
  const chatFolder = (chatId: string) =>
    join(testApp.config.storage.localDir, 'test', 'chats', chatId, 'attachments');

  beforeAll(async () => {
    testApp = await createTestApp({
      ...PROJECT_TEST_ENV,
      RATE_LIMIT_UPLOADS_PER_HOUR: '1000',
      MAX_UPLOAD_SIZE: String(MAX_BYTES),
      MAX_FILES_PER_REQUEST: '3',
    });
    owner = await aSignedInUser(testApp.http);
  });
  afterAll(() => testApp.close());

  it('stores files by content hash, lists them on the message with working download links', async () => {
    const chatId = await aChat(owner.api);
    const pdf = aPdf('Walkers need escrow');
    const notes = aMarkdown();
    const res = await postMessage(owner.api, chatId, 'See attached', [
      { name: 'spec.pdf', content: pdf },
      { name: 'notes.md', content: notes },
    ]).expect(201);
    expect(res.body.attachments).toEqual([
      {
        file_id: expect.stringMatching(/^[0-9a-f]{24}$/),
        filename: 'spec.pdf',
        size: pdf.length,
        content_type: 'application/pdf',
        download_url: expect.any(String),
      },
      {
        file_id: expect.stringMatching(/^[0-9a-f]{24}$/),
        filename: 'notes.md',
        size: notes.length,
        content_type: 'text/markdown; charset=utf-8',
        download_url: expect.any(String),
      },
    ]);
    expect(existsSync(join(chatFolder(chatId), `${sha256(pdf)}.pdf`))).toBe(true);
    expect(existsSync(join(chatFolder(chatId), `${sha256(pdf)}.txt`))).toBe(true);
    expect(existsSync(join(chatFolder(chatId), `${sha256(notes)}.md`))).toBe(true);
    const download = await downloadBytes(testApp.http, res.body.attachments[0].download_url);
    expect(download.status).toBe(200);
    expect(Buffer.compare(download.body as Buffer, pdf)).toBe(0);

    const page = await messagesOf(owner.api, chatId);
    expect(page.messages[0]).toMatchObject({
      id: res.body.message_id,
      attachments: [
        { file_id: res.body.attachments[0].file_id, filename: 'spec.pdf' },
        { file_id: res.body.attachments[1].file_id, filename: 'notes.md' },
      ],
    });
  });

  it('keeps one copy of the same content per chat (sha256): a second message reuses it', async () => {
    const chatId = await aChat(owner.api);
    const notes = aMarkdown('# Same notes\n');
    const first = await postMessage(owner.api, chatId, 'Notes', [
      { name: 'notes.md', content: notes },
    ]).expect(201);
    const second = await postMessage(owner.api, chatId, 'The same notes again', [
      { name: 'copy.md', content: notes },
    ]).expect(201);
    expect(second.body.attachments[0].file_id).toBe(first.body.attachments[0].file_id);
    const records = await testApp.app
      .get<Model<ChatAttachment>>(getModelToken(ChatAttachment.name))
      .countDocuments({ chat_id: new Types.ObjectId(chatId) })
      .exec();
    expect(records).toBe(1);
  });

  it('sanitises names, keeping only the last path segment', async () => {
    const chatId = await aChat(owner.api);
    const { body, contentType } = rawMultipart([
      { field: 'content', content: 'A file with a path' },
      { field: 'files', filename: '../../etc/passwd.md', content: '# notes\n' },
    ]);
    const res = await owner.api
      .post(`/api/v1/chats/${chatId}/messages`)
      .set('Content-Type', contentType)
      .send(body)
      .expect(201);
    expect(res.body.attachments[0].filename).toBe('passwd.md');
  });

  describe('refusals: a bad file refuses the whole message, nothing is stored', () => {
    const good = { name: 'good.md', content: aMarkdown('# good\n') };
    it.each([
      [
        'a type that is not allowed',
        [good, { name: 'run.exe', content: Buffer.from('MZ') }],
        415,
        'files[1]',
      ],
      [
        'content that is not what the extension says',
        [good, { name: 'spec.pdf', content: aPng() }],
        415,
        'files[1]',
      ],
      [
        'a file over the size limit',
        [good, { name: 'big.md', content: Buffer.alloc(MAX_BYTES + 1, 'a') }],
        413,
        'files',
      ],
      ['an empty file', [good, { name: 'empty.md', content: Buffer.alloc(0) }], 400, 'files[1]'],
      [
        'more files than allowed',
        Array.from({ length: 4 }, (_, i) => ({ name: `n${i}.md`, content: aMarkdown(`# ${i}\n`) })),
        400,
        'files',
      ],
    ])('%s', async (_case, files, status, field) => {
      const chatId = await aChat(owner.api);
      const res = await postMessage(owner.api, chatId, 'With a bad file', files);
      expect([res.status, fieldNames(res.body)]).toEqual([status, [field]]);
      expect(await chatOf(owner.api, chatId)).toMatchObject({ message_count: 0 });
      expect(existsSync(chatFolder(chatId))).toBe(false);
    });
  });
});
