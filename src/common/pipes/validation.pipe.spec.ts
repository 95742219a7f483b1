import { IsEmail, IsString, MinLength, ValidateNested } from 'class-validator';
import { Type } from 'class-transformer';
import { AppError } from '../errors';
import { createValidationPipe } from './validation.pipe';

class Address {
  @IsString()
  city!: string;
}

class SignUp {
  @IsEmail()
  email!: string;

  @IsString()
  @MinLength(8)
  password!: string;

  @ValidateNested()
  @Type(() => Address)
  address!: Address;
}

describe('createValidationPipe', () => {
  const pipe = createValidationPipe();
  const metadata = { type: 'body' as const, metatype: SignUp };

  async function failure(body: unknown): Promise<AppError> {
    try {
      await pipe.transform(body, metadata);
    } catch (error) {
      return error as AppError;
    }
    throw new Error('expected a validation failure');
  }

  it('names every offending field, nested ones by path', async () => {
    const error = await failure({ email: 'nope', password: 'short', address: { city: 5 } });
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('VALIDATION_ERROR');
    const fields = (error.details?.fields as { field: string }[]).map((problem) => problem.field);
    expect(fields).toEqual(['email', 'password', 'address.city']);
    expect(error.message).toContain('email must be an email');
  });

  it('refuses unknown fields by name', async () => {
    const error = await failure({
      email: 'a@b.co',
      password: 'longenough',
      address: { city: 'X' },
      role: 'admin',
    });
    expect(error.details?.fields).toEqual([{ field: 'role', message: 'role should not exist' }]);
  });

  it('refuses operator objects where a string is expected', async () => {
    const error = await failure({
      email: { $gt: '' },
      password: 'longenough',
      address: { city: 'X' },
    });
    expect((error.details?.fields as { field: string }[])[0].field).toBe('email');
  });
});
