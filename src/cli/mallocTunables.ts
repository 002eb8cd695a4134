// The second Node's malloc settings (cliLoader.ts starts it for `check` on one or two cores).
/**
 * glibc's malloc for the second Node, where it is glibc (other C libraries ignore the variable):
 * its heap in transparent huge pages where the kernel gives them on request (THP "madvise", the
 * default of Debian and Ubuntu), grown 16 MB at a time, allocations below 32 MB kept in it and
 * 64 MB of free memory kept before it is handed back. A check allocates and frees much through
 * malloc (file buffers, V8's compiler zones, the code cache); on the default settings every fresh
 * 4 KB page is a fault, and a fault costs ~10 µs on a virtual machine like ours (bench/README.md): the bench tree,
 * 15,200 → 7,500 page faults and 709 → 656 ms (medians of 15 alternating runs, Node 20; the same
 * halving on Nodes 22 and 24); peak memory 90 → 108 MB. A setting the user gave for one of these
 * keys is kept.
 */
export const MALLOC_TUNABLES: ReadonlyArray<readonly [string, string]> = [
  ['glibc.malloc.hugetlb', '1'],
  ['glibc.malloc.top_pad', String(16 << 20)],
  ['glibc.malloc.mmap_threshold', String(32 << 20)],
  ['glibc.malloc.trim_threshold', String(64 << 20)],
];

/** `given` (the user's GLIBC_TUNABLES, if any) with MALLOC_TUNABLES' keys it does not set. */
export function withMallocTunables(given: string | undefined): string {
  const set = new Set((given ?? '').split(':').map((kv) => kv.split('=')[0]!.trim()).filter(Boolean));
  const ours = MALLOC_TUNABLES.filter(([k]) => !set.has(k)).map(([k, v]) => `${k}=${v}`);
  return [...(given ? [given] : []), ...ours].join(':');
}
