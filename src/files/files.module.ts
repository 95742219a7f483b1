import { Module } from '@nestjs/common';
import { FileDownloadsService } from './file-downloads.service';
import { FilesController } from './files.controller';

/** HTTP side of the storage port (API only; the worker has no routes). */
@Module({ controllers: [FilesController], providers: [FileDownloadsService] })
export class FilesModule {}
