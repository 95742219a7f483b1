import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '@/config/app-config';
import { AccessTokenVerifier } from './access-token.verifier';
import { TokenFamilies } from './token-families';
import { TokensService } from './tokens.service';

/** Token issuing and checking, apart from AuthModule so that users and gateways can use it too. */
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        secret: config.auth.jwtSecret,
        signOptions: { algorithm: 'HS256' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [TokenFamilies, TokensService, AccessTokenVerifier],
  exports: [TokensService, AccessTokenVerifier],
})
export class TokensModule {}
