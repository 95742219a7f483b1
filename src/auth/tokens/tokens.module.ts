import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '@/config/app-config';
import { RealtimeModule } from '@/realtime/realtime.module';
import { AccessTokenVerifier } from './access-token.verifier';
import { jwtKey } from './jwt-key';
import { TokenFamilies } from './token-families';
import { TokensService } from './tokens.service';

/** Token issuing and checking, apart from AuthModule so that users and gateways can use it too. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: jwtKey(config),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    // Ending a token family ends its live connections too.
    RealtimeModule,
  ],
  providers: [TokenFamilies, TokensService, AccessTokenVerifier],
  exports: [TokensService, AccessTokenVerifier],
})
export class TokensModule {}
