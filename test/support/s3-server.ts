import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import S3rver from 's3rver';

export interface S3TestServer {
  /** http://127.0.0.1:<port>, for S3_ENDPOINT (path-style addressing). */
  readonly endpoint: string;
  readonly bucket: string;
  /** s3rver's fixed credentials; it checks SigV4 signatures and presigned URL expiry with them. */
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  /** How long the server took to start, for the record. */
  readonly startedInMs: number;
  /** The app's environment variables for the S3 driver against this server. */
  env(): Record<string, string>;
  stop(): Promise<void>;
}

/**
 * A real S3-compatible HTTP server (s3rver, from npm) on a kernel-chosen loopback port with its
 * data in a temp dir. MinIO is not available from the package registries this project may use,
 * so s3rver it is: it speaks the S3 REST API, verifies SigV4 (header and presigned query) and
 * refuses expired presigned URLs. Start it only in the specs that test the S3 driver.
 */
export async function startS3Server(bucket = 'prd-forge-test'): Promise<S3TestServer> {
  const started = Date.now();
  const directory = mkdtempSync(join(tmpdir(), 'prd-forge-s3-'));
  const server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory,
    configureBuckets: [{ name: bucket, configs: [] }],
  });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  return {
    endpoint,
    bucket,
    ...credentials,
    startedInMs: Date.now() - started,
    env: () => ({
      STORAGE_DRIVER: 's3',
      S3_BUCKET_NAME: bucket,
      S3_ENDPOINT: endpoint,
      S3_FORCE_PATH_STYLE: 'true',
      AWS_REGION: 'us-east-1',
      AWS_ACCESS_KEY_ID: credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    }),
    stop: async () => {
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
