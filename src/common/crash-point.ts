/**
 * Tests only: a process whose TEST_CRASH_AT names this point is SIGKILLed right here, so a test
 * can show that a run interrupted at any point still ends with exactly one version. Read only
 * when NODE_ENV is test, so no production setting can reach it.
 */
export function crashPoint(name: string): void {
  if (process.env.NODE_ENV !== 'test' || process.env.TEST_CRASH_AT !== name) return;
  process.kill(process.pid, 'SIGKILL');
}
