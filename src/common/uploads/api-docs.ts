import { applyDecorators, Type } from '@nestjs/common';
import {
  ApiBody,
  ApiConsumes,
  ApiProperty,
  ApiPayloadTooLargeResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { errorExample } from '@/common/decorators/api-errors.decorator';
import { UploadsEnv } from '@/config/uploads.config';
import { FILES_FIELD } from './multipart-files.interceptor';

const DEFAULT_MAX_FILES = new UploadsEnv().MAX_FILES_PER_REQUEST;

/**
 * The body of a route that takes files: the text fields of `fields` (the DTO the validation pipe
 * checks) plus `files`, as multipart; and the same text fields as JSON when files are optional.
 * The multipart schema is a documentation-only subclass named `<name>`; the JSON variant drops
 * the file field (see the OpenAPI strict-bodies pass).
 */
export function ApiFilesBody(
  name: string,
  fields: Type<object> | undefined,
  files: { readonly required: boolean },
): MethodDecorator {
  const Base: Type<object> = fields ?? class {};
  const Form = class extends Base {};
  Object.defineProperty(Form, 'name', { value: name });
  ApiProperty({
    type: 'array',
    // An empty file is refused like a wrong one.
    items: { type: 'string', format: 'binary', minLength: 1 },
    required: files.required,
    minItems: files.required ? 1 : undefined,
    maxItems: DEFAULT_MAX_FILES,
    description:
      `.pdf .doc .docx .md .png .jpg .jpeg, each what its extension says; at most ` +
      `MAX_FILES_PER_REQUEST (${DEFAULT_MAX_FILES} by default) per request`,
  })(Form.prototype, FILES_FIELD);
  const types = files.required
    ? ['multipart/form-data']
    : ['multipart/form-data', 'application/json'];
  return applyDecorators(ApiConsumes(...types), ApiBody({ type: Form }));
}

/** The refusals every route taking files can answer, besides the 400 naming `files`. */
export const ApiUploadRefusals = (): MethodDecorator =>
  applyDecorators(
    ApiPayloadTooLargeResponse({
      description: 'A file is over MAX_UPLOAD_SIZE (10 MB by default)',
      schema: errorExample(
        'File too large: files must be at most 10 MB each',
        'PAYLOAD_TOO_LARGE',
        {
          fields: [{ field: 'files', message: 'files: larger than 10 MB' }],
        },
      ),
    }),
    ApiUnsupportedMediaTypeResponse({
      description:
        'Not .pdf .doc .docx .md .png .jpg .jpeg, or the content (magic bytes) is not what the extension says',
      schema: errorExample(
        'Unsupported file: files[0]: the content of files[0] (spec.pdf) is a PNG image, not what .pdf promises',
        'UNSUPPORTED_MEDIA_TYPE',
        { fields: [{ field: 'files[0]', message: '…' }] },
      ),
    }),
  );
