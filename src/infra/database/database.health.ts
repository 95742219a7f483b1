import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';

export interface DocumentStoreInfo {
  readonly engine: string;
  readonly version: string;
}

/** Liveness of the document store; the only non-repository class that touches the connection. */
@Injectable()
export class DatabaseHealth {
  private info: DocumentStoreInfo | undefined;

  constructor(@InjectConnection() private readonly connection: Connection) {}

  async ping(): Promise<DocumentStoreInfo> {
    const db = this.connection.db;
    if (!db) throw new Error('not connected');
    await db.admin().ping();
    this.info ??= await this.describe();
    return this.info;
  }

  private async describe(): Promise<DocumentStoreInfo> {
    const build = (await this.connection.db!.admin().buildInfo()) as {
      version?: string;
      ferretdbVersion?: string;
      ferretdb?: { version?: string };
    };
    const ferret = build.ferretdbVersion ?? build.ferretdb?.version;
    return ferret
      ? { engine: 'ferretdb', version: ferret }
      : { engine: 'mongodb', version: build.version ?? 'unknown' };
  }
}
