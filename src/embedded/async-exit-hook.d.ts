// The part of async-exit-hook's API that src/embedded/services.ts uses (it ships no types).
declare module 'async-exit-hook' {
  interface ExitHook {
    (hook: (done: () => void) => void): void
    unhookEvent(event: string): void
    hookedEvents(): string[]
  }
  const exitHook: ExitHook
  export default exitHook
}
