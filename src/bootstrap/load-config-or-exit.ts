import { AppConfig } from '@/config/app-config';
import { ConfigError } from '@/config/config-error';
import { loadAppConfig } from '@/config/load-app-config';
import { loadEnvFile } from './env-file';

/** Fails fast with one message naming every bad variable, before anything starts. */
export function loadConfigOrExit(): AppConfig {
  loadEnvFile();
  try {
    return loadAppConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(
        `${error.message}\nSee .env.example for every variable and its default.\n`,
      );
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
