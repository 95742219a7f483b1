import { Module } from '@nestjs/common';
import { MongooseModule } from '@nestjs/mongoose';
import { TokensModule } from '@/auth/tokens/tokens.module';
import { UserProfileCache } from './user-profile.cache';
import { User, UserSchema } from './user.schema';
import { UsersController } from './users.controller';
import { UsersRepository } from './users.repository';
import { UsersService } from './users.service';

@Module({
  imports: [MongooseModule.forFeature([{ name: User.name, schema: UserSchema }]), TokensModule],
  controllers: [UsersController],
  providers: [UsersRepository, UserProfileCache, UsersService],
  // UsersRepository for the maintenance queue's retention purge.
  exports: [UsersService, UsersRepository],
})
export class UsersModule {}
