import { TextExtractionDto, UploadedFileDto, UploadListEntryDto } from './upload-responses.dto';
import { StoredUpload, UploadWithUrls } from './uploads.service';

export function uploadedFile(stored: StoredUpload, urls: UploadWithUrls): UploadedFileDto {
  const { upload } = stored;
  return {
    id: upload._id.toHexString(),
    filename: upload.filename,
    size: upload.file_size,
    url: urls.downloadUrl,
    download_url: urls.downloadUrl,
    content_type: upload.content_type,
    sha256: upload.file_hash,
    duplicate: !stored.created,
    text_extraction: textExtraction(urls),
  };
}

export function uploadListEntry(urls: UploadWithUrls): UploadListEntryDto {
  const { upload } = urls;
  return {
    id: upload._id.toHexString(),
    filename: upload.filename,
    size: upload.file_size,
    uploaded_at: upload.uploaded_at.toISOString(),
    download_url: urls.downloadUrl,
    url: urls.downloadUrl,
    content_type: upload.content_type,
    sha256: upload.file_hash,
    original_filename: upload.original_filename,
    text_extraction: textExtraction(urls),
  };
}

function textExtraction({ upload, textUrl }: UploadWithUrls): TextExtractionDto {
  const { status, chars, truncated, error } = upload.text_extraction;
  return { status, chars, truncated, error, text_url: textUrl };
}
