// Builds the web app into `outDir` exactly as `npm run build` does, pinning `rootPublicKey`.
// Vitest sets NODE_ENV=test, which would make Vite build a development bundle (no service worker
// registration, Preact's debug code): the build runs with NODE_ENV=production, restored after.
import { build } from 'vite';

export async function buildWeb(outDir: string, rootPublicKey: string): Promise<void> {
  const env = {
    ROOT_PUBLIC_KEY: process.env['ROOT_PUBLIC_KEY'],
    NODE_ENV: process.env['NODE_ENV'],
  };
  process.env['ROOT_PUBLIC_KEY'] = rootPublicKey;
  process.env['NODE_ENV'] = 'production';
  try {
    await build({
      configFile: 'vite.config.ts',
      logLevel: 'error',
      mode: 'production',
      build: { outDir },
    });
  } finally {
    for (const [key, value] of Object.entries(env)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
