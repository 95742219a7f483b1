import { Injectable } from '@nestjs/common';
import { AppConfig } from '@/config/app-config';
import type { WebhookEndpoint } from '../webhook-endpoint.schema';
import { SecretBox } from './secret-box';

/** Sealing and opening endpoints' signing secrets with the configured key. */
@Injectable()
export class WebhookSecrets {
  private readonly box: SecretBox;

  constructor(config: AppConfig) {
    this.box = new SecretBox(config.webhooks.encryptionKey);
  }

  newSecret(): string {
    return SecretBox.newSecret();
  }

  seal(secret: string, endpointId: string): string {
    return this.box.seal(secret, endpointId);
  }

  /** The secrets that sign now: the current one, then the previous one during its grace. */
  signingSecrets(endpoint: WebhookEndpoint, now: Date): string[] {
    const id = endpoint._id.toHexString();
    const secrets = [this.box.open(endpoint.secret, id)];
    const expires = endpoint.previous_secret_expires_at;
    if (endpoint.previous_secret && expires && expires.getTime() > now.getTime()) {
      secrets.push(this.box.open(endpoint.previous_secret, id));
    }
    return secrets;
  }
}
