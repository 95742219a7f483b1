import { applyDecorators } from '@nestjs/common';
import { ApiPayloadTooLargeResponse, ApiUnsupportedMediaTypeResponse } from '@nestjs/swagger';
import { errorExample } from '@/common/decorators/api-errors.decorator';

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
