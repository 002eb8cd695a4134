// The second Node's malloc settings (src/cli/mallocTunables.ts): ours where the user set none, theirs kept.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MALLOC_TUNABLES, withMallocTunables } from '../../../src/cli/mallocTunables';

test('GLIBC_TUNABLES for a check: ours when none is set, the user\'s own keys kept and first', () => {
  const ours = MALLOC_TUNABLES.map(([k, v]) => `${k}=${v}`).join(':');
  assert.equal(withMallocTunables(undefined), ours);
  assert.equal(withMallocTunables(''), ours);
  assert.match(ours, /^glibc\.malloc\.hugetlb=1:glibc\.malloc\.top_pad=16777216:glibc\.malloc\.mmap_threshold=33554432:glibc\.malloc\.trim_threshold=67108864$/);
  // a key the user set is theirs; the others are added after what they gave
  assert.equal(withMallocTunables('glibc.malloc.hugetlb=0'), 'glibc.malloc.hugetlb=0:glibc.malloc.top_pad=16777216:glibc.malloc.mmap_threshold=33554432:glibc.malloc.trim_threshold=67108864');
  assert.equal(withMallocTunables('glibc.pthread.rseq=0:glibc.malloc.trim_threshold=1'), 'glibc.pthread.rseq=0:glibc.malloc.trim_threshold=1:glibc.malloc.hugetlb=1:glibc.malloc.top_pad=16777216:glibc.malloc.mmap_threshold=33554432');
  const all = MALLOC_TUNABLES.map(([k]) => `${k}=7`).join(':');
  assert.equal(withMallocTunables(all), all, 'nothing added where the user set every key');
});
