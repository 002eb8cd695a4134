// Writes the WebAssembly text of the engine's float32 matrix-product module (src/engine/wasm/
// gemm.ts drives it): a register-blocked micro-kernel of MR rows × 8 columns, unrolled over the
// tile (hence generated, not hand-written), the loop that runs it over packed panels, the two
// packing routines, a bias pass, ReLU's backward as the input gradient's epilogue, and the scan,
// gather and scatter of the dead-lane pass (deadLanes.ts). scripts/build-wasm.mjs assembles it twice:
//  - plain SIMD: each step is f32x4.mul then f32x4.add, two float32 roundings;
//  - relaxed SIMD: f32x4.relaxed_madd, a fused multiply-add where the processor has one (V8 11.4+
//    by default; Node 20 only behind --experimental-wasm-relaxed-simd). One instruction per step
//    instead of two leaves registers free for a taller tile.
// MR·2 accumulators + two B vectors + one broadcast A value (+ the product's temporary without a
// fused multiply-add) must fit V8's 15 allocatable xmm registers, or the loop spills: 4×8 plain
// and 6×8 fused (15) measured fastest on Zen 4 (~43 GFLOP/s on Node 20 and ~57
// on Node 24 at 256³, against 58.5 for a register-only loop of independent mul+add or FMA: the
// 128-bit ceiling, 16 flops a cycle). Unrolling the p loop by two made both slower (V8 hoists
// the second step's loads and spills). The plain loop is bound by instruction issue (~30 per
// step for 64 flops, V8's loop stack check included), the fused one by the two FMA pipes.
// V8 11.3 and 12.4 (Node 20, 22) issue all MR broadcasts of a step before its first multiply, so
// the plain 4×8 loop holds 8 accumulators + 2 B + 4 A + 1 product = all 15 registers (seen with
// --print-wasm-code): no spill, no room. A 5×8 plain tile spills three accumulators, stored and
// reloaded every step (the depth experiment's step 95 → 133 ms CPU on Node 22), and A packed
// pre-broadcast (plain loads instead of broadcasts) gains nothing (~41 GFLOP/s either way): the
// loop is bound by issue, not by the loads or the FP pipes.
//
// Each output element is summed one product after another in p order, from 0 or from the partial
// sum of the previous block of p (stored in float32, as a register holds it), rounded after each
// multiply and add — what test/unit/engine/gemm-packed.test.ts holds every output to.

/** Columns per packed B panel: two f32x4 per row of the tile. */
const NR = 8;

/** The accumulate step c += a·b of one f32x4 (a is the broadcast A value, b a B vector). */
function mac(relaxed, c, b) {
  return relaxed
    ? `(local.set ${c} (f32x4.relaxed_madd (local.get $a) (local.get ${b}) (local.get ${c})))`
    : `(local.set ${c} (f32x4.add (local.get ${c}) (f32x4.mul (local.get $a) (local.get ${b}))))`;
}

/** i8x16.shuffle's 16 byte indices for the float lanes `lanes` of the pair (x: 0–3, y: 4–7). */
function floats(...lanes) {
  return lanes.flatMap((l) => [4 * l, 4 * l + 1, 4 * l + 2, 4 * l + 3]).join(' ');
}

/**
 * A packing routine for panels of L lanes (rows of A, or columns of B): of \`count\` lanes, lane l at
 * step p at src + l·sl4 + p·sp4 bytes, kc steps, written panel after panel, step after step, the
 * panel's L values of that step; lanes past \`count\` are zeros. A full panel whose lanes are
 * adjacent (sl4 = 4: Aᵀ's rows, B's columns) copies vectors; one whose steps are adjacent
 * (sp4 = 4: A's rows, Bᵀ's columns) transposes 4×4 blocks with shuffles; the rest (the last
 * panel, the last steps) goes one value at a time.
 */
function packer(name, L) {
  const groups = Math.floor(L / 4); // blocks of 4 lanes; L = 6 also has a pair
  const pair = L % 4 === 2;
  let copy = '';
  for (let g = 0; g < groups; g++) copy += `(v128.store offset=${16 * g} (local.get $dst) (v128.load offset=${16 * g} (local.get $s)))\n              `;
  if (pair) copy += `(i64.store offset=${16 * groups} (local.get $dst) (i64.load offset=${16 * groups} (local.get $s)))`;
  const row = (l) => `(v128.load (i32.add (local.get $s) (i32.mul (local.get $sl4) (i32.const ${l}))))`;
  let tr = '';
  for (let g = 0; g < groups; g++) {
    const l = 4 * g;
    tr += `(local.set $t0 (i8x16.shuffle ${floats(0, 4, 1, 5)} ${row(l)} ${row(l + 1)}))
              (local.set $t1 (i8x16.shuffle ${floats(2, 6, 3, 7)} ${row(l)} ${row(l + 1)}))
              (local.set $t2 (i8x16.shuffle ${floats(0, 4, 1, 5)} ${row(l + 2)} ${row(l + 3)}))
              (local.set $t3 (i8x16.shuffle ${floats(2, 6, 3, 7)} ${row(l + 2)} ${row(l + 3)}))
              (v128.store offset=${16 * g} (local.get $dst) (i8x16.shuffle ${floats(0, 1, 4, 5)} (local.get $t0) (local.get $t2)))
              (v128.store offset=${16 * g + 4 * L} (local.get $dst) (i8x16.shuffle ${floats(2, 3, 6, 7)} (local.get $t0) (local.get $t2)))
              (v128.store offset=${16 * g + 8 * L} (local.get $dst) (i8x16.shuffle ${floats(0, 1, 4, 5)} (local.get $t1) (local.get $t3)))
              (v128.store offset=${16 * g + 12 * L} (local.get $dst) (i8x16.shuffle ${floats(2, 3, 6, 7)} (local.get $t1) (local.get $t3)))
              `;
  }
  if (pair) {
    const l = 4 * groups;
    tr += `(local.set $t0 (i8x16.shuffle ${floats(0, 4, 1, 5)} ${row(l)} ${row(l + 1)}))
              (local.set $t1 (i8x16.shuffle ${floats(2, 6, 3, 7)} ${row(l)} ${row(l + 1)}))
              (v128.store64_lane offset=${16 * groups} 0 (local.get $dst) (local.get $t0))
              (v128.store64_lane offset=${16 * groups + 4 * L} 1 (local.get $dst) (local.get $t0))
              (v128.store64_lane offset=${16 * groups + 8 * L} 0 (local.get $dst) (local.get $t1))
              (v128.store64_lane offset=${16 * groups + 12 * L} 1 (local.get $dst) (local.get $t1))`;
  }
  return `  (func (export "${name}") (param $src i32) (param $sl4 i32) (param $sp4 i32) (param $count i32) (param $kc i32) (param $dst i32)
    (local $i i32) (local $p i32) (local $l i32) (local $s i32) (local $full i32)
    (local $t0 v128) (local $t1 v128) (local $t2 v128) (local $t3 v128)
    (local.set $i (i32.const 0))
    (loop $panels
      (local.set $p (i32.const 0))
      (local.set $s (i32.add (local.get $src) (i32.mul (local.get $i) (local.get $sl4))))
      (local.set $full (i32.le_u (i32.add (local.get $i) (i32.const ${L})) (local.get $count)))
      (if (i32.and (local.get $full) (i32.eq (local.get $sl4) (i32.const 4)))
        (then
          (loop $copy
            ${copy}
            (local.set $dst (i32.add (local.get $dst) (i32.const ${4 * L})))
            (local.set $s (i32.add (local.get $s) (local.get $sp4)))
            (br_if $copy (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 1))) (local.get $kc))))))
      (if (i32.and (local.get $full) (i32.eq (local.get $sp4) (i32.const 4)))
        (then
          (block $done (loop $blocks
            (br_if $done (i32.gt_u (i32.add (local.get $p) (i32.const 4)) (local.get $kc)))
            ${tr}
            (local.set $dst (i32.add (local.get $dst) (i32.const ${16 * L})))
            (local.set $s (i32.add (local.get $s) (i32.const 16)))
            (local.set $p (i32.add (local.get $p) (i32.const 4)))
            (br $blocks)))))
      ;; what is left: one value at a time
      (block $done (loop $steps
        (br_if $done (i32.ge_u (local.get $p) (local.get $kc)))
        (local.set $l (i32.const 0))
        (loop $lanes
          (f32.store (local.get $dst)
            (if (result f32) (i32.lt_u (i32.add (local.get $i) (local.get $l)) (local.get $count))
              (then (f32.load (i32.add (local.get $s) (i32.mul (local.get $l) (local.get $sl4)))))
              (else (f32.const 0))))
          (local.set $dst (i32.add (local.get $dst) (i32.const 4)))
          (br_if $lanes (i32.lt_u (local.tee $l (i32.add (local.get $l) (i32.const 1))) (i32.const ${L}))))
        (local.set $s (i32.add (local.get $s) (local.get $sp4)))
        (local.set $p (i32.add (local.get $p) (i32.const 1)))
        (br $steps)))
      (br_if $panels (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const ${L}))) (local.get $count)))))`;
}

/**
 * The dead-lane pass's copies between a matrix and its live part (index tables of i32, rows ri[0..nr),
 * columns ci[0..nc); ci = 0: columns 0..nc-1, one block copy a row; nr, nc ≥ 1; row strides in bytes):
 * gather: dst (nr × nc, stride dld4) = src's rows ri and columns ci (stride sld4);
 * scatter: dst's rows ri and columns ci (stride dld4) = src (nr × nc, stride sld4).
 * The indexed copy goes four values an iteration.
 */
function mover(name, scatter) {
  // the indexed side's address for the table entry at $j + off
  const at = (base, off) => `(i32.add (local.get ${base}) (i32.shl (i32.load offset=${off} (local.get $j)) (i32.const 2)))`;
  const one = (off) => scatter
    ? `(f32.store ${at('$d', off)} (f32.load offset=${off} (local.get $s)))`
    : `(f32.store offset=${off} (local.get $d) (f32.load ${at('$s', off)}))`;
  const [indexed, plain] = scatter ? ['$d', '$s'] : ['$s', '$d'];
  const [ild4, pld4, ibase, pbase] = scatter ? ['$dld4', '$sld4', '$dst', '$src'] : ['$sld4', '$dld4', '$src', '$dst'];
  return `  (func (export "${name}") (param $src i32) (param $sld4 i32) (param $ri i32) (param $nr i32) (param $ci i32) (param $nc i32)
        (param $dst i32) (param $dld4 i32)
    (local $s i32) (local $d i32) (local $j i32) (local $end4 i32) (local $end i32)
    (local.set ${plain} (local.get ${pbase}))
    (loop $rows
      (local.set ${indexed} (i32.add (local.get ${ibase}) (i32.mul (i32.load (local.get $ri)) (local.get ${ild4}))))
      (if (i32.eqz (local.get $ci))
        (then (memory.copy (local.get $d) (local.get $s) (i32.shl (local.get $nc) (i32.const 2))))
        (else
          (local.set $j (local.get $ci))
          (local.set $end (i32.add (local.get $ci) (i32.shl (local.get $nc) (i32.const 2))))
          (local.set $end4 (i32.add (local.get $ci) (i32.shl (i32.and (local.get $nc) (i32.const -4)) (i32.const 2))))
          (block $d4 (loop $four
            (br_if $d4 (i32.ge_u (local.get $j) (local.get $end4)))
            ${one(0)}
            ${one(4)}
            ${one(8)}
            ${one(12)}
            (local.set ${plain} (i32.add (local.get ${plain}) (i32.const 16)))
            (local.set $j (i32.add (local.get $j) (i32.const 16)))
            (br $four)))
          (block $d1 (loop $single
            (br_if $d1 (i32.ge_u (local.get $j) (local.get $end)))
            ${one(0)}
            (local.set ${plain} (i32.add (local.get ${plain}) (i32.const 4)))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (br $single)))
          ;; back to the row's start: the plain side moves on by its stride below
          (local.set ${plain} (i32.sub (local.get ${plain}) (i32.shl (local.get $nc) (i32.const 2))))))
      (local.set ${plain} (i32.add (local.get ${plain}) (local.get ${pld4})))
      (local.set $ri (i32.add (local.get $ri) (i32.const 4)))
      (br_if $rows (local.tee $nr (i32.sub (local.get $nr) (i32.const 1))))))`;
}

/** @param {{ mr: number, relaxed: boolean }} o */
export function gemmWat({ mr, relaxed }) {
  const acc = [];
  for (let r = 0; r < mr; r++) acc.push([`$c${r}a`, `$c${r}b`]);
  const flat = acc.flat();
  const lines = (f) => acc.map((pair, r) => f(pair, r)).join('\n      ');
  return `(module
  ;; GENERATED by scripts/gemm-wat.mjs (${mr}×${NR} tile, ${relaxed ? 'relaxed_madd' : 'mul + add'}).
  (memory (export "memory") 1)
  (func (export "tile_rows") (result i32) (i32.const ${mr}))

  ;; One ${mr}×${NR} tile of C (row stride ldc4 bytes) += or = packed A panel (kc steps of ${mr} floats)
  ;; · packed B panel (kc steps of ${NR} floats). acc ≠ 0: start from C's values (a later block of p).
  (func $tile (param $pa i32) (param $pb i32) (param $pc i32) (param $kc i32) (param $ldc4 i32) (param $acc i32)
    (local $a v128) (local $b0 v128) (local $b1 v128) (local $row i32)
    ${flat.map((c) => `(local ${c} v128)`).join(' ')}
    (if (local.get $acc)
      (then
        (local.set $row (local.get $pc))
      ${lines(([c0, c1], r) => `${r ? '(local.set $row (i32.add (local.get $row) (local.get $ldc4))) ' : ''}(local.set ${c0} (v128.load (local.get $row))) (local.set ${c1} (v128.load offset=16 (local.get $row)))`)}))
    (loop $k
      (local.set $b0 (v128.load (local.get $pb)))
      (local.set $b1 (v128.load offset=16 (local.get $pb)))
      ${lines(([c0, c1], r) => `(local.set $a (v128.load32_splat offset=${4 * r} (local.get $pa)))\n      ${mac(relaxed, c0, '$b0')}\n      ${mac(relaxed, c1, '$b1')}`)}
      (local.set $pa (i32.add (local.get $pa) (i32.const ${4 * mr})))
      (local.set $pb (i32.add (local.get $pb) (i32.const ${4 * NR})))
      (br_if $k (local.tee $kc (i32.sub (local.get $kc) (i32.const 1)))))
    (local.set $row (local.get $pc))
    ${lines(([c0, c1], r) => `${r ? '(local.set $row (i32.add (local.get $row) (local.get $ldc4))) ' : ''}(v128.store (local.get $row) (local.get ${c0})) (v128.store offset=16 (local.get $row) (local.get ${c1}))`)})

  ;; C (rows × n8, row stride ldc4 bytes) = or += packed A (rows/${mr} panels) · packed B (n8/${NR} panels),
  ;; over kc ≥ 1 steps of p. rows is a multiple of ${mr}, n8 of ${NR}. Each B panel (kc·32 bytes) stays in
  ;; L1 while the A panels stream past it.
  (func (export "gemm_block") (param $ap i32) (param $bp i32) (param $c i32) (param $rows i32) (param $kc i32)
        (param $n8 i32) (param $ldc4 i32) (param $acc i32)
    (local $i i32) (local $j i32) (local $pb i32)
    (local.set $j (i32.const 0))
    (loop $cols
      (local.set $pb (i32.add (local.get $bp) (i32.mul (local.get $j) (i32.shl (local.get $kc) (i32.const 2)))))
      (local.set $i (i32.const 0))
      (loop $rows
        (call $tile
          (i32.add (local.get $ap) (i32.mul (local.get $i) (i32.shl (local.get $kc) (i32.const 2))))
          (local.get $pb)
          (i32.add (local.get $c) (i32.add (i32.mul (local.get $i) (local.get $ldc4)) (i32.shl (local.get $j) (i32.const 2))))
          (local.get $kc) (local.get $ldc4) (local.get $acc))
        (br_if $rows (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const ${mr}))) (local.get $rows))))
      (br_if $cols (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const ${NR}))) (local.get $n8)))))

  ;; C's \`rows\` rows of n8 floats (row stride ldc4 bytes) += the n8 floats at b: a bias added to every
  ;; row, each sum rounded to float32 as the JavaScript loop's.
  (func (export "add_bias") (param $c i32) (param $b i32) (param $rows i32) (param $n8 i32) (param $ldc4 i32)
    (local $j i32) (local $pc i32)
    (loop $rowsl
      (local.set $j (i32.const 0))
      (loop $cols
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))))
        (v128.store (local.get $pc) (f32x4.add (v128.load (local.get $pc)) (v128.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))))
        (br_if $cols (i32.lt_u (local.tee $j (i32.add (local.get $j) (i32.const 4))) (local.get $n8))))
      (local.set $c (i32.add (local.get $c) (local.get $ldc4)))
      (br_if $rowsl (local.tee $rows (i32.sub (local.get $rows) (i32.const 1))))))

  ;; Where X (rows × cols floats, row-major, at x) holds values other than exact zeros, for the
  ;; products' dead-lane pass (src/engine/wasm/deadLanes.ts): colAny (one i32 a column, at cf, room
  ;; for cols rounded up to 4) and rowAny (one i32 a row, at rf) become non-zero where that column
  ;; or row has a value ≠ 0 (NaN counts as one). Returns 1 when every value is finite, 0 when one is
  ;; not, 2 when \`early\` ≠ 0 and the scan stopped as soon as every column had a non-zero value
  ;; (checked after rows 4, 8, 16, …: a dense operand is seen in a few rows; of the rest only
  ;; whether each row is all zero is read, and finiteness is left unknown).
  (func (export "nz_scan") (param $x i32) (param $rows i32) (param $cols i32) (param $rf i32) (param $cf i32) (param $early i32) (result i32)
    (local $c i32) (local $c4 i32) (local $p i32) (local $r i32) (local $next i32) (local $v v128) (local $row v128) (local $mx v128) (local $mask v128) (local $f i32)
    (local.set $mask (v128.const i32x4 0x7fffffff 0x7fffffff 0x7fffffff 0x7fffffff))
    (local.set $c4 (i32.and (local.get $cols) (i32.const -4)))
    (local.set $c (i32.const 0))
    (block $d (loop $clear
      (br_if $d (i32.ge_u (local.get $c) (local.get $cols)))
      (v128.store (i32.add (local.get $cf) (i32.shl (local.get $c) (i32.const 2))) (v128.const i32x4 0 0 0 0))
      (local.set $c (i32.add (local.get $c) (i32.const 4)))
      (br $clear)))
    (local.set $mx (v128.const i32x4 0 0 0 0))
    (local.set $r (i32.const 0))
    (local.set $next (i32.const 4))
    (loop $rowsl
      (local.set $row (v128.const i32x4 0 0 0 0))
      (local.set $p (local.get $cf))
      (local.set $c (i32.const 0))
      (block $d (loop $vec
        (br_if $d (i32.ge_u (local.get $c) (local.get $c4)))
        ;; |bits|: non-zero unless ±0; ≥ 0x7f800000 for ±Inf and NaN
        (local.set $v (v128.and (v128.load (local.get $x)) (local.get $mask)))
        (local.set $row (v128.or (local.get $row) (local.get $v)))
        (local.set $mx (i32x4.max_u (local.get $mx) (local.get $v)))
        (v128.store (local.get $p) (v128.or (v128.load (local.get $p)) (local.get $v)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (local.set $p (i32.add (local.get $p) (i32.const 16)))
        (local.set $c (i32.add (local.get $c) (i32.const 4)))
        (br $vec)))
      (block $d (loop $tail
        (br_if $d (i32.ge_u (local.get $c) (local.get $cols)))
        (local.set $f (i32.and (i32.load (local.get $x)) (i32.const 0x7fffffff)))
        (i32.store (local.get $p) (i32.or (i32.load (local.get $p)) (local.get $f)))
        (local.set $row (v128.or (local.get $row) (i32x4.splat (local.get $f))))
        (local.set $mx (i32x4.max_u (local.get $mx) (i32x4.splat (local.get $f))))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (local.set $p (i32.add (local.get $p) (i32.const 4)))
        (local.set $c (i32.add (local.get $c) (i32.const 1)))
        (br $tail)))
      (i32.store (local.get $rf) (v128.any_true (local.get $row)))
      (local.set $rf (i32.add (local.get $rf) (i32.const 4)))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (if (i32.and (local.get $early) (i32.eq (local.get $r) (local.get $next)))
        (then
          (local.set $next (i32.shl (local.get $next) (i32.const 1)))
          ;; every column live? (the tail's slots past cols hold zeros: test them one by one)
          (local.set $p (local.get $cf))
          (local.set $c (i32.const 0))
          (block $dead
            (block $d (loop $all
              (br_if $d (i32.ge_u (local.get $c) (local.get $c4)))
              (br_if $dead (i32.eqz (i32x4.all_true (v128.load (local.get $p)))))
              (local.set $p (i32.add (local.get $p) (i32.const 16)))
              (local.set $c (i32.add (local.get $c) (i32.const 4)))
              (br $all)))
            (block $d (loop $all1
              (br_if $d (i32.ge_u (local.get $c) (local.get $cols)))
              (br_if $dead (i32.eqz (i32.load (local.get $p))))
              (local.set $p (i32.add (local.get $p) (i32.const 4)))
              (local.set $c (i32.add (local.get $c) (i32.const 1)))
              (br $all1)))
            ;; the rows left: only whether each is all zero, stopping at its first non-zero
            (block $d (loop $rest
              (br_if $d (i32.ge_u (local.get $r) (local.get $rows)))
              (local.set $f (i32.const 0))
              (local.set $c (i32.const 0))
              (block $found
                (block $e (loop $probe
                  (br_if $e (i32.ge_u (local.get $c) (local.get $c4)))
                  (br_if $found (v128.any_true (v128.and (v128.load (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 2)))) (local.get $mask))))
                  (local.set $c (i32.add (local.get $c) (i32.const 4)))
                  (br $probe)))
                (block $e (loop $probe1
                  (br_if $e (i32.ge_u (local.get $c) (local.get $cols)))
                  (br_if $found (i32.and (i32.load (i32.add (local.get $x) (i32.shl (local.get $c) (i32.const 2)))) (i32.const 0x7fffffff)))
                  (local.set $c (i32.add (local.get $c) (i32.const 1)))
                  (br $probe1)))
                (local.set $f (i32.const -1)))
              (i32.store (local.get $rf) (i32.eqz (local.get $f)))
              (local.set $x (i32.add (local.get $x) (i32.shl (local.get $cols) (i32.const 2))))
              (local.set $rf (i32.add (local.get $rf) (i32.const 4)))
              (local.set $r (i32.add (local.get $r) (i32.const 1)))
              (br $rest)))
            (return (i32.const 2)))))
      (br_if $rowsl (i32.lt_u (local.get $r) (local.get $rows))))
    (i32x4.all_true (i32x4.lt_u (local.get $mx) (v128.const i32x4 0x7f800000 0x7f800000 0x7f800000 0x7f800000))))

  ;; C (rows × cols, row stride ldc4 bytes) set to +0 where Y (rows × cols, row stride ldy4 bytes)
  ;; is ≤ 0, elsewhere (NaN in Y included) left as it is: ReLU's backward (o ≤ 0 ? 0 : g) applied to
  ;; the product that makes its incoming gradient, while both are still in cache.
  (func (export "zero_where_not_positive") (param $c i32) (param $y i32) (param $rows i32) (param $cols i32) (param $ldc4 i32) (param $ldy4 i32)
    (local $j i32) (local $c4 i32) (local $pc i32)
    (local.set $c4 (i32.and (local.get $cols) (i32.const -4)))
    (loop $rowsl
      (local.set $j (i32.const 0))
      (block $d (loop $vec
        (br_if $d (i32.ge_u (local.get $j) (local.get $c4)))
        (local.set $pc (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))))
        (v128.store (local.get $pc)
          (v128.andnot (v128.load (local.get $pc))
            (f32x4.le (v128.load (i32.add (local.get $y) (i32.shl (local.get $j) (i32.const 2)))) (v128.const f32x4 0 0 0 0))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $vec)))
      (block $d (loop $tail
        (br_if $d (i32.ge_u (local.get $j) (local.get $cols)))
        (if (f32.le (f32.load (i32.add (local.get $y) (i32.shl (local.get $j) (i32.const 2)))) (f32.const 0))
          (then (f32.store (i32.add (local.get $c) (i32.shl (local.get $j) (i32.const 2))) (f32.const 0))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $tail)))
      (local.set $c (i32.add (local.get $c) (local.get $ldc4)))
      (local.set $y (i32.add (local.get $y) (local.get $ldy4)))
      (br_if $rowsl (local.tee $rows (i32.sub (local.get $rows) (i32.const 1))))))

${mover('gather', false)}

${mover('scatter', true)}

${packer('pack_a', mr)}

${packer('pack_b', NR)}
)
`;
}
