// Runs a command-line entry: a configuration error prints its message alone (exit 2), anything
// else its message and exit 1, never a stack trace with values in it.
import { ConfigError } from '../config.ts';

export async function runCli(main: () => Promise<void>): Promise<void> {
  try {
    await main();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    process.exit(1);
  }
}
