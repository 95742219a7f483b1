import { Module } from '@nestjs/common';
import { UsersModule } from '@/users/users.module';
import { WebhooksModule } from '@/webhooks/webhooks.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LoginLockout } from './login-lockout';
import { JwtStrategy } from './passport/jwt.strategy';
import { PasswordHasher } from './password-hasher';
import { TokensModule } from './tokens/tokens.module';

/**
 * Sign-up, sign-in and the token lifecycle. Registers passport's jwt strategy, and re-exports
 * TokensModule so the global JWT guard (app.module.ts) can check tokens.
 */
@Module({
  // Registration publishes the operator event user.created.
  imports: [UsersModule, TokensModule, WebhooksModule],
  controllers: [AuthController],
  providers: [AuthService, PasswordHasher, LoginLockout, JwtStrategy],
  exports: [TokensModule],
})
export class AuthModule {}
