import { Injectable } from '@nestjs/common';
import { AccessTokenVerifier } from '@/auth/tokens/access-token.verifier';
import { AuthenticatedUser } from '@/auth/tokens/authenticated-user';
import { HandshakeCredentials, tokenFrom } from '@/realtime/room-handshake';
import { ChatsService } from '../chats.service';

/**
 * Who may listen to a chat's room: the HTTP API's access-token check, then its owner check
 * (someone else's chat, a missing one and a deleted one are all NOT_FOUND). Throws AppError.
 */
@Injectable()
export class ChatRoomAccess {
  constructor(
    private readonly tokens: AccessTokenVerifier,
    private readonly chats: ChatsService,
  ) {}

  async admit(credentials: HandshakeCredentials, chatId: string): Promise<AuthenticatedUser> {
    const user = await this.tokens.verify(tokenFrom(credentials));
    await this.chats.visible(user.id, chatId);
    return user;
  }
}
