import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { AppConfig } from '@/config/app-config';
import { RealtimeModule } from '@/realtime/realtime.module';
import { AccessTokenVerifier } from './access-token.verifier';
import { TokenFamilies } from './token-families';
import { TokensService } from './tokens.service';

/** Token issuing and checking, apart from AuthModule so that users and gateways can use it too. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
        // public key and builds an exception on every call (~0.3 ms per verification, measured).
        secret: createSecretKey(Buffer.from(config.auth.jwtSecret, 'utf8')),
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
    // Ending a session ends its live connections too.
    RealtimeModule,
  ],
  providers: [TokenFamilies, TokensService, AccessTokenVerifier],
  exports: [TokensService, AccessTokenVerifier],
})
export class TokensModule {}
