// The one clock. Everything that needs "now" takes a Clock; only createRuntime (main/compose.ts)
// makes one, from the configuration: the real time, or with GGK_FAKE_NOW (tests and demos) a clock
// that starts at that instant and runs on from there. Tests pass their own Clock instead.
export type Clock = () => Date;

export function createClock(fakeNow?: Date, realNow: () => number = Date.now): Clock {
  if (!fakeNow) return () => new Date(realNow());
  const startedAt = realNow();
  const start = fakeNow.getTime();
  return () => new Date(start + (realNow() - startedAt));
}
