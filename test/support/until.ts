/** Waits until `check` holds, looking every few milliseconds; fails after `ms` (with `what` said, if given). */
export async function until(check: () => boolean | Promise<boolean>, ms = 10_000, what: () => string = () => ''): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`condition not met in time ${what()}`.trimEnd());
    await new Promise((r) => setTimeout(r, 5));
  }
}
