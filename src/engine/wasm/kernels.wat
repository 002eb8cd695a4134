(module
  ;; the engine's e^x (fastmath.ts `exp`), for the lanes the vector code leaves to it
  (import "engine" "exp" (func $exp (param f64) (result f64)))
  (memory (export "memory") 1)
  ;; Bytes 0–511 hold 2^(j/64), j = 0..63 (fastmath.ts's EXP_TABLE, written by the loader);
  ;; the kernels that compute e^x read it. Bytes 512–607 are the float32 softmax kernels'
  ;; scratch (the 8 lanes; a partial block). Work areas start at byte 1024.
  ;; softmax of `rows` contiguous rows of `size` float64 at byte `p`, in place: per row the max,
  ;; then e^(x − max) and their sum, then a multiplication by 1/sum — softmax.ts's row loop,
  ;; two lanes at a time. e^v is fastmath.ts's `exp` step for step (x·64/ln2 rounded by the
  ;; 1.5·2^52 shifter, Cody–Waite reduction, the degree-5 polynomial, the table, and 2^m added
  ;; to the exponent field), so every value is bit-identical to it; lanes at or below −708
  ;; (subnormal or zero results) call it. Only the sum's order differs (two lanes, then one).
  ;; The max, exp and scaling loops take two pairs per iteration while four elements remain
  ;; (2.7 → 2.1 ms for a million elements), then single pairs, then the odd element.
  ;; A row whose max is NaN or ±inf takes the same steps one element at a time through $exp.
  (func (export "softmax_rows") (param $p i32) (param $rows i32) (param $size i32)
    (local $row i32) (local $end i32) (local $q i32) (local $pairsEnd i32)
    (local $m v128) (local $nan v128) (local $v v128) (local $s v128) (local $e v128)
    (local $k v128) (local $kd v128) (local $r v128) (local $poly v128) (local $t v128)
    (local $cInvLn2 v128) (local $cShift v128) (local $cHi v128) (local $cLo v128)
    (local $c5 v128) (local $c4 v128) (local $c3 v128) (local $c2 v128) (local $cLow v128)
    (local $v1 v128) (local $e1 v128) (local $k1 v128) (local $kd1 v128) (local $r1 v128) (local $poly1 v128)
    (local $t1 v128) (local $ix v128) (local $quadsEnd i32)
    (local $ms f64) (local $ss f64) (local $x f64)
    (local.set $cInvLn2 (v128.const f64x2 92.33248261689366 92.33248261689366))
    (local.set $cShift (v128.const f64x2 6755399441055744 6755399441055744))
    (local.set $cHi (v128.const f64x2 0.01083042469326756 0.01083042469326756))
    (local.set $cLo (v128.const f64x2 2.9815858269852933e-12 2.9815858269852933e-12))
    (local.set $c5 (v128.const f64x2 0.008333333333333333 0.008333333333333333))
    (local.set $c4 (v128.const f64x2 0.041666666666666664 0.041666666666666664))
    (local.set $c3 (v128.const f64x2 0.16666666666666666 0.16666666666666666))
    (local.set $c2 (v128.const f64x2 0.5 0.5))
    (local.set $cLow (v128.const f64x2 -708 -708))
    (block $rows_done
      (loop $rowl
        (br_if $rows_done (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $end (i32.add (local.get $p) (i32.shl (local.get $size) (i32.const 3))))
        (local.set $pairsEnd (i32.add (local.get $p) (i32.shl (i32.and (local.get $size) (i32.const -2)) (i32.const 3))))
        ;; max: pmax ignores NaN, so NaNs are collected apart
        (local.set $m (v128.const f64x2 -inf -inf))
        (local.set $nan (v128.const i64x2 0 0))
        (local.set $q (local.get $p))
        ;; two running maxima over pairs of pairs (max is exact in any order), then one
        (local.set $quadsEnd (i32.add (local.get $p) (i32.shl (i32.and (local.get $size) (i32.const -4)) (i32.const 3))))
        (local.set $e1 (v128.const f64x2 -inf -inf))
        (block $b1q (loop $l1q
          (br_if $b1q (i32.ge_u (local.get $q) (local.get $quadsEnd)))
          (local.set $v (v128.load (local.get $q)))
          (local.set $v1 (v128.load offset=16 (local.get $q)))
          (local.set $m (f64x2.pmax (local.get $m) (local.get $v)))
          (local.set $e1 (f64x2.pmax (local.get $e1) (local.get $v1)))
          (local.set $nan (v128.or (local.get $nan) (v128.or (f64x2.ne (local.get $v) (local.get $v)) (f64x2.ne (local.get $v1) (local.get $v1)))))
          (local.set $q (i32.add (local.get $q) (i32.const 32)))
          (br $l1q)))
        (local.set $m (f64x2.pmax (local.get $m) (local.get $e1)))
        (block $b1 (loop $l1
          (br_if $b1 (i32.ge_u (local.get $q) (local.get $pairsEnd)))
          (local.set $v (v128.load (local.get $q)))
          (local.set $m (f64x2.pmax (local.get $m) (local.get $v)))
          (local.set $nan (v128.or (local.get $nan) (f64x2.ne (local.get $v) (local.get $v))))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (br $l1)))
        (local.set $ms (f64.max (f64x2.extract_lane 0 (local.get $m)) (f64x2.extract_lane 1 (local.get $m))))
        (if (i32.lt_u (local.get $q) (local.get $end)) (then (local.set $ms (f64.max (local.get $ms) (f64.load (local.get $q))))))
        (if (v128.any_true (local.get $nan)) (then (local.set $ms (f64.const nan))))
        (if (f64.eq (local.get $ms) (f64.const -inf)) (then (local.set $ms (f64.const 0))))
        (local.set $ss (f64.const 0))
        (local.set $q (local.get $p))
        (if (f64.lt (f64.abs (local.get $ms)) (f64.const inf))
          (then
            ;; finite max: every x − max is ≤ 0 or −inf
            (local.set $m (f64x2.splat (local.get $ms)))
            (local.set $s (v128.const f64x2 0 0))
            ;; two pairs per iteration while four elements remain (the same steps, interleaved
            ;; for the processor; the sum still adds pair after pair), then the pair loop
            (local.set $quadsEnd (i32.add (local.get $p) (i32.shl (i32.and (local.get $size) (i32.const -4)) (i32.const 3))))
            (block $b2q (loop $l2q
              (br_if $b2q (i32.ge_u (local.get $q) (local.get $quadsEnd)))
              (local.set $v (f64x2.sub (v128.load (local.get $q)) (local.get $m)))
              (local.set $v1 (f64x2.sub (v128.load offset=16 (local.get $q)) (local.get $m)))
              (if (v128.any_true (v128.or (f64x2.le (local.get $v) (local.get $cLow)) (f64x2.le (local.get $v1) (local.get $cLow))))
                (then
                  (local.set $e (f64x2.replace_lane 1 (f64x2.splat (call $exp (f64x2.extract_lane 0 (local.get $v))))
                                                      (call $exp (f64x2.extract_lane 1 (local.get $v)))))
                  (local.set $e1 (f64x2.replace_lane 1 (f64x2.splat (call $exp (f64x2.extract_lane 0 (local.get $v1))))
                                                       (call $exp (f64x2.extract_lane 1 (local.get $v1))))))
                (else
                  (local.set $k (f64x2.add (f64x2.mul (local.get $v) (local.get $cInvLn2)) (local.get $cShift)))
                  (local.set $k1 (f64x2.add (f64x2.mul (local.get $v1) (local.get $cInvLn2)) (local.get $cShift)))
                  (local.set $kd (f64x2.sub (local.get $k) (local.get $cShift)))
                  (local.set $kd1 (f64x2.sub (local.get $k1) (local.get $cShift)))
                  (local.set $r (f64x2.sub (f64x2.sub (local.get $v) (f64x2.mul (local.get $kd) (local.get $cHi)))
                                           (f64x2.mul (local.get $kd) (local.get $cLo))))
                  (local.set $r1 (f64x2.sub (f64x2.sub (local.get $v1) (f64x2.mul (local.get $kd1) (local.get $cHi)))
                                            (f64x2.mul (local.get $kd1) (local.get $cLo))))
                  (local.set $poly (f64x2.add (f64x2.mul (local.get $r) (local.get $c5)) (local.get $c4)))
                  (local.set $poly1 (f64x2.add (f64x2.mul (local.get $r1) (local.get $c5)) (local.get $c4)))
                  (local.set $poly (f64x2.add (f64x2.mul (local.get $r) (local.get $poly)) (local.get $c3)))
                  (local.set $poly1 (f64x2.add (f64x2.mul (local.get $r1) (local.get $poly1)) (local.get $c3)))
                  (local.set $poly (f64x2.add (f64x2.mul (local.get $r) (local.get $poly)) (local.get $c2)))
                  (local.set $poly1 (f64x2.add (f64x2.mul (local.get $r1) (local.get $poly1)) (local.get $c2)))
                  (local.set $poly (f64x2.add (local.get $r) (f64x2.mul (f64x2.mul (local.get $r) (local.get $r)) (local.get $poly))))
                  (local.set $poly1 (f64x2.add (local.get $r1) (f64x2.mul (f64x2.mul (local.get $r1) (local.get $r1)) (local.get $poly1))))
                  ;; table byte offsets (k & 63)·8, both lanes at once
                  (local.set $ix (i64x2.shl (v128.and (local.get $k) (v128.const i64x2 63 63)) (i32.const 3)))
                  (local.set $t (v128.load64_zero (i32x4.extract_lane 0 (local.get $ix))))
                  (local.set $t (v128.load64_lane 1 (i32x4.extract_lane 2 (local.get $ix)) (local.get $t)))
                  (local.set $ix (i64x2.shl (v128.and (local.get $k1) (v128.const i64x2 63 63)) (i32.const 3)))
                  (local.set $t1 (v128.load64_zero (i32x4.extract_lane 0 (local.get $ix))))
                  (local.set $t1 (v128.load64_lane 1 (i32x4.extract_lane 2 (local.get $ix)) (local.get $t1)))
                  (local.set $e (i64x2.add (f64x2.add (local.get $t) (f64x2.mul (local.get $t) (local.get $poly)))
                                           (i64x2.shl (v128.and (local.get $k) (v128.const i64x2 -64 -64)) (i32.const 46))))
                  (local.set $e1 (i64x2.add (f64x2.add (local.get $t1) (f64x2.mul (local.get $t1) (local.get $poly1)))
                                            (i64x2.shl (v128.and (local.get $k1) (v128.const i64x2 -64 -64)) (i32.const 46))))))
              (v128.store (local.get $q) (local.get $e))
              (v128.store offset=16 (local.get $q) (local.get $e1))
              (local.set $s (f64x2.add (f64x2.add (local.get $s) (local.get $e)) (local.get $e1)))
              (local.set $q (i32.add (local.get $q) (i32.const 32)))
              (br $l2q)))
            (block $b2 (loop $l2
              (br_if $b2 (i32.ge_u (local.get $q) (local.get $pairsEnd)))
              (local.set $v (f64x2.sub (v128.load (local.get $q)) (local.get $m)))
              (if (v128.any_true (f64x2.le (local.get $v) (local.get $cLow)))
                (then
                  (local.set $e (f64x2.replace_lane 1 (f64x2.splat (call $exp (f64x2.extract_lane 0 (local.get $v))))
                                                      (call $exp (f64x2.extract_lane 1 (local.get $v))))))
                (else
                  ;; k = round(v·64/ln2) sits in the low bits of kd + shifter
                  (local.set $k (f64x2.add (f64x2.mul (local.get $v) (local.get $cInvLn2)) (local.get $cShift)))
                  (local.set $kd (f64x2.sub (local.get $k) (local.get $cShift)))
                  (local.set $r (f64x2.sub (f64x2.sub (local.get $v) (f64x2.mul (local.get $kd) (local.get $cHi)))
                                           (f64x2.mul (local.get $kd) (local.get $cLo))))
                  (local.set $poly (f64x2.add (f64x2.mul (local.get $r) (local.get $c5)) (local.get $c4)))
                  (local.set $poly (f64x2.add (f64x2.mul (local.get $r) (local.get $poly)) (local.get $c3)))
                  (local.set $poly (f64x2.add (f64x2.mul (local.get $r) (local.get $poly)) (local.get $c2)))
                  (local.set $poly (f64x2.add (local.get $r) (f64x2.mul (f64x2.mul (local.get $r) (local.get $r)) (local.get $poly))))
                  ;; t = 2^((k & 63)/64) from the table
                  (local.set $t (v128.load64_zero (i32.shl (i32.and (i32x4.extract_lane 0 (local.get $k)) (i32.const 63)) (i32.const 3))))
                  (local.set $t (v128.load64_lane 1 (i32.shl (i32.and (i32x4.extract_lane 2 (local.get $k)) (i32.const 63)) (i32.const 3)) (local.get $t)))
                  ;; (t + t·p)·2^(k >> 6): (k >> 6) << 52 is (k & ~63) << 46, added to the exponent field
                  (local.set $e (i64x2.add (f64x2.add (local.get $t) (f64x2.mul (local.get $t) (local.get $poly)))
                                           (i64x2.shl (v128.and (local.get $k) (v128.const i64x2 -64 -64)) (i32.const 46))))))
              (v128.store (local.get $q) (local.get $e))
              (local.set $s (f64x2.add (local.get $s) (local.get $e)))
              (local.set $q (i32.add (local.get $q) (i32.const 16)))
              (br $l2)))
            (local.set $ss (f64.add (f64x2.extract_lane 0 (local.get $s)) (f64x2.extract_lane 1 (local.get $s))))))
        ;; the odd element, or the whole row when its max is NaN or ±inf
        (block $b3 (loop $l3
          (br_if $b3 (i32.ge_u (local.get $q) (local.get $end)))
          (local.set $x (call $exp (f64.sub (f64.load (local.get $q)) (local.get $ms))))
          (f64.store (local.get $q) (local.get $x))
          (local.set $ss (f64.add (local.get $ss) (local.get $x)))
          (local.set $q (i32.add (local.get $q) (i32.const 8)))
          (br $l3)))
        ;; scale by 1/sum
        (local.set $x (f64.div (f64.const 1) (local.get $ss)))
        (local.set $m (f64x2.splat (local.get $x)))
        (local.set $q (local.get $p))
        (block $b4q (loop $l4q
          (br_if $b4q (i32.ge_u (local.get $q) (local.get $quadsEnd)))
          (v128.store (local.get $q) (f64x2.mul (v128.load (local.get $q)) (local.get $m)))
          (v128.store offset=16 (local.get $q) (f64x2.mul (v128.load offset=16 (local.get $q)) (local.get $m)))
          (local.set $q (i32.add (local.get $q) (i32.const 32)))
          (br $l4q)))
        (block $b4 (loop $l4
          (br_if $b4 (i32.ge_u (local.get $q) (local.get $pairsEnd)))
          (v128.store (local.get $q) (f64x2.mul (v128.load (local.get $q)) (local.get $m)))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (br $l4)))
        (if (i32.lt_u (local.get $q) (local.get $end))
          (then (f64.store (local.get $q) (f64.mul (f64.load (local.get $q)) (local.get $x)))))
        (local.set $p (local.get $end))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rowl))))

  ;; softmax's backward over `rows` rows of `size` float64: g (at byte `g`) becomes
  ;; y·(g − Σ g·y) row by row, y at byte `y` (softmax.ts's loop). The dot runs in four lanes
  ;; (element k adds into lane k mod 4 while four elements remain; two f64x2 sums, so no add
  ;; waits on the one before it), folded as (l0 + l2) + (l1 + l3), then the last elements.
  (func (export "softmax_bwd_rows") (param $g i32) (param $y i32) (param $rows i32) (param $size i32)
    (local $row i32) (local $end i32) (local $quadsEnd i32) (local $q i32) (local $w i32)
    (local $acc v128) (local $acc1 v128) (local $sv v128) (local $s f64)
    (block $rows_done
      (loop $rowl
        (br_if $rows_done (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $end (i32.add (local.get $g) (i32.shl (local.get $size) (i32.const 3))))
        (local.set $quadsEnd (i32.add (local.get $g) (i32.shl (i32.and (local.get $size) (i32.const -4)) (i32.const 3))))
        (local.set $acc (v128.const f64x2 0 0))
        (local.set $acc1 (v128.const f64x2 0 0))
        (local.set $q (local.get $g))
        (local.set $w (local.get $y))
        (block $b1 (loop $l1
          (br_if $b1 (i32.ge_u (local.get $q) (local.get $quadsEnd)))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (v128.load (local.get $q)) (v128.load (local.get $w)))))
          (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (v128.load offset=16 (local.get $q)) (v128.load offset=16 (local.get $w)))))
          (local.set $q (i32.add (local.get $q) (i32.const 32)))
          (local.set $w (i32.add (local.get $w) (i32.const 32)))
          (br $l1)))
        (local.set $acc (f64x2.add (local.get $acc) (local.get $acc1)))
        (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
        (block $b1t (loop $l1t
          (br_if $b1t (i32.ge_u (local.get $q) (local.get $end)))
          (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $q)) (f64.load (local.get $w)))))
          (local.set $q (i32.add (local.get $q) (i32.const 8)))
          (local.set $w (i32.add (local.get $w) (i32.const 8)))
          (br $l1t)))
        (local.set $sv (f64x2.splat (local.get $s)))
        (local.set $q (local.get $g))
        (local.set $w (local.get $y))
        (block $b2 (loop $l2
          (br_if $b2 (i32.ge_u (local.get $q) (local.get $quadsEnd)))
          (v128.store (local.get $q) (f64x2.mul (v128.load (local.get $w)) (f64x2.sub (v128.load (local.get $q)) (local.get $sv))))
          (v128.store offset=16 (local.get $q) (f64x2.mul (v128.load offset=16 (local.get $w)) (f64x2.sub (v128.load offset=16 (local.get $q)) (local.get $sv))))
          (local.set $q (i32.add (local.get $q) (i32.const 32)))
          (local.set $w (i32.add (local.get $w) (i32.const 32)))
          (br $l2)))
        (block $b2t (loop $l2t
          (br_if $b2t (i32.ge_u (local.get $q) (local.get $end)))
          (f64.store (local.get $q) (f64.mul (f64.load (local.get $w)) (f64.sub (f64.load (local.get $q)) (local.get $s))))
          (local.set $q (i32.add (local.get $q) (i32.const 8)))
          (local.set $w (i32.add (local.get $w) (i32.const 8)))
          (br $l2t)))
        (local.set $g (local.get $end))
        (local.set $y (i32.add (local.get $y) (i32.shl (local.get $size) (i32.const 3))))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rowl))))

  ;; float32 softmax of `rows` contiguous rows of `size` floats at byte `p`, in place: softmax.ts's
  ;; `forward32` along the last dim (PyTorch 1.13's AVX2 order), step for step. Per row the max
  ;; (NaN if any, 0 for −inf); e = f32(e^(f32(x − max))) with e^v in float64 as the float64 kernel
  ;; above computes it (fastmath.ts's `exp`), a pair of floats at a time; their sum in the 8 lanes
  ;; of one `Vectorized<float>` (lane l adds elements l, l + 8, …, in two f32x4 sums; the partial
  ;; last block into the first lanes; then the AVX2 fold ((l0+l4) + (l2+l6)) + ((l1+l5) + (l3+l7)))
  ;; or left to right below 8 elements; then each e times f32(1/sum). Every step is one correctly
  ;; rounded float32 or float64 operation, so the results are the JavaScript loop's bit for bit.
  ;; Bytes 512–543 hold the 8 lanes while the last elements are added.
  (func (export "softmax_rows32") (param $p i32) (param $rows i32) (param $size i32)
    (local $row i32) (local $end i32) (local $q i32) (local $quadsEnd i32) (local $blocksEnd i32) (local $l i32)
    (local $m v128) (local $nan v128) (local $v v128) (local $e v128) (local $acc0 v128) (local $acc1 v128)
    (local $k v128) (local $kd v128) (local $r v128) (local $poly v128) (local $t v128)
    (local $cInvLn2 v128) (local $cShift v128) (local $cHi v128) (local $cLo v128)
    (local $c5 v128) (local $c4 v128) (local $c3 v128) (local $c2 v128) (local $cLow v128)
    (local $ms f32) (local $x f32) (local $ss f32)
    (local.set $cInvLn2 (v128.const f64x2 92.33248261689366 92.33248261689366))
    (local.set $cShift (v128.const f64x2 6755399441055744 6755399441055744))
    (local.set $cHi (v128.const f64x2 0.01083042469326756 0.01083042469326756))
    (local.set $cLo (v128.const f64x2 2.9815858269852933e-12 2.9815858269852933e-12))
    (local.set $c5 (v128.const f64x2 0.008333333333333333 0.008333333333333333))
    (local.set $c4 (v128.const f64x2 0.041666666666666664 0.041666666666666664))
    (local.set $c3 (v128.const f64x2 0.16666666666666666 0.16666666666666666))
    (local.set $c2 (v128.const f64x2 0.5 0.5))
    (local.set $cLow (v128.const f64x2 -708 -708))
    (block $rows_done
      (loop $rowl
        (br_if $rows_done (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $end (i32.add (local.get $p) (i32.shl (local.get $size) (i32.const 2))))
        (local.set $quadsEnd (i32.add (local.get $p) (i32.shl (i32.and (local.get $size) (i32.const -4)) (i32.const 2))))
        ;; max: pmax ignores NaN, so NaNs are collected apart
        (local.set $m (v128.const f32x4 -inf -inf -inf -inf))
        (local.set $nan (v128.const i32x4 0 0 0 0))
        (local.set $q (local.get $p))
        (block $b1 (loop $l1
          (br_if $b1 (i32.ge_u (local.get $q) (local.get $quadsEnd)))
          (local.set $v (v128.load (local.get $q)))
          (local.set $m (f32x4.pmax (local.get $m) (local.get $v)))
          (local.set $nan (v128.or (local.get $nan) (f32x4.ne (local.get $v) (local.get $v))))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (br $l1)))
        (local.set $ms (f32.max (f32.max (f32x4.extract_lane 0 (local.get $m)) (f32x4.extract_lane 1 (local.get $m)))
                                (f32.max (f32x4.extract_lane 2 (local.get $m)) (f32x4.extract_lane 3 (local.get $m)))))
        (block $b1t (loop $l1t
          (br_if $b1t (i32.ge_u (local.get $q) (local.get $end)))
          (local.set $x (f32.load (local.get $q)))
          (if (i32.or (f32.gt (local.get $x) (local.get $ms)) (f32.ne (local.get $x) (local.get $x)))
            (then (local.set $ms (local.get $x))))
          (local.set $q (i32.add (local.get $q) (i32.const 4)))
          (br $l1t)))
        (if (v128.any_true (local.get $nan)) (then (local.set $ms (f32.const nan))))
        (if (f32.eq (local.get $ms) (f32.const -inf)) (then (local.set $ms (f32.const 0))))
        ;; e = f32(e^(f32(x − max))), a pair at a time while the max is finite
        (local.set $q (local.get $p))
        (if (f32.lt (f32.abs (local.get $ms)) (f32.const inf))
          (then
            (local.set $m (f32x4.splat (local.get $ms)))
            (block $b2 (loop $l2
              (br_if $b2 (i32.gt_u (i32.add (local.get $q) (i32.const 8)) (local.get $end)))
              (local.set $v (f64x2.promote_low_f32x4 (f32x4.sub (v128.load64_zero (local.get $q)) (local.get $m))))
              (if (v128.any_true (f64x2.le (local.get $v) (local.get $cLow)))
                (then
                  (local.set $e (f64x2.replace_lane 1 (f64x2.splat (call $exp (f64x2.extract_lane 0 (local.get $v))))
                                                      (call $exp (f64x2.extract_lane 1 (local.get $v))))))
                (else
                  (local.set $k (f64x2.add (f64x2.mul (local.get $v) (local.get $cInvLn2)) (local.get $cShift)))
                  (local.set $kd (f64x2.sub (local.get $k) (local.get $cShift)))
                  (local.set $r (f64x2.sub (f64x2.sub (local.get $v) (f64x2.mul (local.get $kd) (local.get $cHi)))
                                           (f64x2.mul (local.get $kd) (local.get $cLo))))
                  (local.set $poly (f64x2.add (f64x2.mul (local.get $r) (local.get $c5)) (local.get $c4)))
                  (local.set $poly (f64x2.add (f64x2.mul (local.get $r) (local.get $poly)) (local.get $c3)))
                  (local.set $poly (f64x2.add (f64x2.mul (local.get $r) (local.get $poly)) (local.get $c2)))
                  (local.set $poly (f64x2.add (local.get $r) (f64x2.mul (f64x2.mul (local.get $r) (local.get $r)) (local.get $poly))))
                  (local.set $t (v128.load64_zero (i32.shl (i32.and (i32x4.extract_lane 0 (local.get $k)) (i32.const 63)) (i32.const 3))))
                  (local.set $t (v128.load64_lane 1 (i32.shl (i32.and (i32x4.extract_lane 2 (local.get $k)) (i32.const 63)) (i32.const 3)) (local.get $t)))
                  (local.set $e (i64x2.add (f64x2.add (local.get $t) (f64x2.mul (local.get $t) (local.get $poly)))
                                           (i64x2.shl (v128.and (local.get $k) (v128.const i64x2 -64 -64)) (i32.const 46))))))
              (v128.store64_lane 0 (local.get $q) (f32x4.demote_f64x2_zero (local.get $e)))
              (local.set $q (i32.add (local.get $q) (i32.const 8)))
              (br $l2)))))
        ;; the odd element, or the whole row when its max is NaN or ±inf
        (block $b3 (loop $l3
          (br_if $b3 (i32.ge_u (local.get $q) (local.get $end)))
          (f32.store (local.get $q)
            (f32.demote_f64 (call $exp (f64.promote_f32 (f32.sub (f32.load (local.get $q)) (local.get $ms))))))
          (local.set $q (i32.add (local.get $q) (i32.const 4)))
          (br $l3)))
        ;; the sum, in PyTorch's order
        (if (i32.lt_u (local.get $size) (i32.const 8))
          (then
            (local.set $ss (f32.load (local.get $p)))
            (local.set $q (i32.add (local.get $p) (i32.const 4)))
            (block $b5 (loop $l5
              (br_if $b5 (i32.ge_u (local.get $q) (local.get $end)))
              (local.set $ss (f32.add (local.get $ss) (f32.load (local.get $q))))
              (local.set $q (i32.add (local.get $q) (i32.const 4)))
              (br $l5))))
          (else
            (local.set $blocksEnd (i32.add (local.get $p) (i32.shl (i32.and (local.get $size) (i32.const -8)) (i32.const 2))))
            (local.set $acc0 (v128.load (local.get $p)))
            (local.set $acc1 (v128.load offset=16 (local.get $p)))
            (local.set $q (i32.add (local.get $p) (i32.const 32)))
            (block $b6 (loop $l6
              (br_if $b6 (i32.ge_u (local.get $q) (local.get $blocksEnd)))
              (local.set $acc0 (f32x4.add (local.get $acc0) (v128.load (local.get $q))))
              (local.set $acc1 (f32x4.add (local.get $acc1) (v128.load offset=16 (local.get $q))))
              (local.set $q (i32.add (local.get $q) (i32.const 32)))
              (br $l6)))
            ;; the partial last block into the first lanes
            (v128.store (i32.const 512) (local.get $acc0))
            (v128.store (i32.const 528) (local.get $acc1))
            (local.set $l (i32.const 512))
            (block $b7 (loop $l7
              (br_if $b7 (i32.ge_u (local.get $q) (local.get $end)))
              (f32.store (local.get $l) (f32.add (f32.load (local.get $l)) (f32.load (local.get $q))))
              (local.set $l (i32.add (local.get $l) (i32.const 4)))
              (local.set $q (i32.add (local.get $q) (i32.const 4)))
              (br $l7)))
            (local.set $ss
              (f32.add
                (f32.add (f32.add (f32.load (i32.const 512)) (f32.load (i32.const 528)))
                         (f32.add (f32.load (i32.const 520)) (f32.load (i32.const 536))))
                (f32.add (f32.add (f32.load (i32.const 516)) (f32.load (i32.const 532)))
                         (f32.add (f32.load (i32.const 524)) (f32.load (i32.const 540))))))))
        ;; each e times f32(1/sum)
        (local.set $x (f32.div (f32.const 1) (local.get $ss)))
        (local.set $m (f32x4.splat (local.get $x)))
        (local.set $q (local.get $p))
        (block $b8 (loop $l8
          (br_if $b8 (i32.ge_u (local.get $q) (local.get $quadsEnd)))
          (v128.store (local.get $q) (f32x4.mul (v128.load (local.get $q)) (local.get $m)))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (br $l8)))
        (block $b9 (loop $l9
          (br_if $b9 (i32.ge_u (local.get $q) (local.get $end)))
          (f32.store (local.get $q) (f32.mul (f32.load (local.get $q)) (local.get $x)))
          (local.set $q (i32.add (local.get $q) (i32.const 4)))
          (br $l9)))
        (local.set $p (local.get $end))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rowl))))

  ;; fma32(a, b, c) of fma.ts on two lanes of float64 that hold float32 values: round32(a·b + c)
  ;; rounded once. a·b is exact in float64; the float64 sum s is rounded to float32, except where
  ;; s fell exactly halfway between two floats and the part the sum dropped (u, from TwoSum)
  ;; points to the other one, as fma32 decides it. Non-finite sums are rounded as they are.
  (func $fma32x2 (param $a v128) (param $b v128) (param $c v128) (result v128)
    (local $p v128) (local $s v128) (local $bb v128) (local $u v128) (local $r v128) (local $diff v128)
    (local $other v128) (local $take v128) (local $zero v128)
    (local.set $p (f64x2.mul (local.get $a) (local.get $b)))
    (local.set $s (f64x2.add (local.get $p) (local.get $c)))
    (local.set $bb (f64x2.sub (local.get $s) (local.get $p)))
    (local.set $u (f64x2.add (f64x2.sub (local.get $p) (f64x2.sub (local.get $s) (local.get $bb)))
                             (f64x2.sub (local.get $c) (local.get $bb))))
    (local.set $r (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero (local.get $s))))
    (local.set $diff (f64x2.sub (local.get $s) (local.get $r)))
    (local.set $other (f64x2.add (local.get $r) (f64x2.mul (f64x2.splat (f64.const 2)) (local.get $diff))))
    (local.set $zero (v128.const f64x2 0 0))
    (local.set $take
      (v128.and
        (v128.and (f64x2.ne (local.get $u) (local.get $zero)) (f64x2.ne (local.get $diff) (local.get $zero)))
        (v128.and
          (v128.and (f64x2.eq (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero (local.get $other))) (local.get $other))
                    (v128.not (v128.xor (f64x2.gt (local.get $diff) (local.get $zero)) (f64x2.gt (local.get $u) (local.get $zero)))))
          (f64x2.lt (f64x2.abs (local.get $s)) (v128.const f64x2 inf inf)))))
    (v128.bitselect (local.get $other) (local.get $r) (local.get $take)))

  ;; float32 softmax's backward along the last dim, softmax.ts's `backward32` step for step:
  ;; g (`rows` rows of `size` floats at byte `g`) becomes f32(f32(g − s)·y) row by row, y at byte
  ;; `y`, s = Σ g·y in PyTorch's order (`dotRow32`): 8 lanes, the first block's rounded products,
  ;; then fma32 of each later block into its lanes (four pairs of float64 that hold the float32
  ;; lanes; the partial last block with −0·(+0) in the lanes it does not reach, which fma32
  ;; leaves as they are), then the AVX2 fold; rows under 8 add their rounded products left to right.
  ;; Bytes 544–607 hold the partial block's g and y.
  (func (export "softmax_bwd_rows32") (param $g i32) (param $y i32) (param $rows i32) (param $size i32)
    (local $row i32) (local $end i32) (local $q i32) (local $w i32) (local $blocksEnd i32) (local $quadsEnd i32) (local $i i32)
    (local $l0 v128) (local $l1 v128) (local $l2 v128) (local $l3 v128) (local $gv v128) (local $yv v128) (local $sv v128)
    (local $s f32)
    (block $rows_done
      (loop $rowl
        (br_if $rows_done (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $end (i32.add (local.get $g) (i32.shl (local.get $size) (i32.const 2))))
        (if (i32.lt_u (local.get $size) (i32.const 8))
          (then
            (local.set $s (f32.mul (f32.load (local.get $g)) (f32.load (local.get $y))))
            (local.set $q (i32.add (local.get $g) (i32.const 4)))
            (local.set $w (i32.add (local.get $y) (i32.const 4)))
            (block $b0 (loop $l0l
              (br_if $b0 (i32.ge_u (local.get $q) (local.get $end)))
              (local.set $s (f32.add (local.get $s) (f32.mul (f32.load (local.get $q)) (f32.load (local.get $w)))))
              (local.set $q (i32.add (local.get $q) (i32.const 4)))
              (local.set $w (i32.add (local.get $w) (i32.const 4)))
              (br $l0l))))
          (else
            ;; the first block: products rounded to float32
            (local.set $gv (f32x4.mul (v128.load (local.get $g)) (v128.load (local.get $y))))
            (local.set $l0 (f64x2.promote_low_f32x4 (local.get $gv)))
            (local.set $l1 (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $gv) (local.get $gv))))
            (local.set $gv (f32x4.mul (v128.load offset=16 (local.get $g)) (v128.load offset=16 (local.get $y))))
            (local.set $l2 (f64x2.promote_low_f32x4 (local.get $gv)))
            (local.set $l3 (f64x2.promote_low_f32x4 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $gv) (local.get $gv))))
            (local.set $blocksEnd (i32.add (local.get $g) (i32.shl (i32.and (local.get $size) (i32.const -8)) (i32.const 2))))
            (local.set $q (i32.add (local.get $g) (i32.const 32)))
            (local.set $w (i32.add (local.get $y) (i32.const 32)))
            (block $b1 (loop $l1l
              (br_if $b1 (i32.ge_u (local.get $q) (local.get $blocksEnd)))
              (local.set $l0 (call $fma32x2 (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $q)))
                                            (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $w))) (local.get $l0)))
              (local.set $l1 (call $fma32x2 (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $q)))
                                            (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $w))) (local.get $l1)))
              (local.set $l2 (call $fma32x2 (f64x2.promote_low_f32x4 (v128.load64_zero offset=16 (local.get $q)))
                                            (f64x2.promote_low_f32x4 (v128.load64_zero offset=16 (local.get $w))) (local.get $l2)))
              (local.set $l3 (call $fma32x2 (f64x2.promote_low_f32x4 (v128.load64_zero offset=24 (local.get $q)))
                                            (f64x2.promote_low_f32x4 (v128.load64_zero offset=24 (local.get $w))) (local.get $l3)))
              (local.set $q (i32.add (local.get $q) (i32.const 32)))
              (local.set $w (i32.add (local.get $w) (i32.const 32)))
              (br $l1l)))
            (if (i32.lt_u (local.get $q) (local.get $end))
              (then
                ;; the partial block at bytes 544 (g) and 576 (y), padded with g = −0 and y = +0:
                ;; fma32(−0, +0, l) is l, a −0 lane included (+0 would turn it into +0)
                (v128.store (i32.const 544) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
                (v128.store (i32.const 560) (v128.const i32x4 0x80000000 0x80000000 0x80000000 0x80000000))
                (v128.store (i32.const 576) (v128.const i32x4 0 0 0 0))
                (v128.store (i32.const 592) (v128.const i32x4 0 0 0 0))
                (local.set $i (i32.const 0))
                (block $b2 (loop $l2l
                  (br_if $b2 (i32.ge_u (i32.add (local.get $q) (local.get $i)) (local.get $end)))
                  (f32.store offset=544 (local.get $i) (f32.load (i32.add (local.get $q) (local.get $i))))
                  (f32.store offset=576 (local.get $i) (f32.load (i32.add (local.get $w) (local.get $i))))
                  (local.set $i (i32.add (local.get $i) (i32.const 4)))
                  (br $l2l)))
                (local.set $l0 (call $fma32x2 (f64x2.promote_low_f32x4 (v128.load64_zero (i32.const 544)))
                                              (f64x2.promote_low_f32x4 (v128.load64_zero (i32.const 576))) (local.get $l0)))
                (local.set $l1 (call $fma32x2 (f64x2.promote_low_f32x4 (v128.load64_zero (i32.const 552)))
                                              (f64x2.promote_low_f32x4 (v128.load64_zero (i32.const 584))) (local.get $l1)))
                (local.set $l2 (call $fma32x2 (f64x2.promote_low_f32x4 (v128.load64_zero (i32.const 560)))
                                              (f64x2.promote_low_f32x4 (v128.load64_zero (i32.const 592))) (local.get $l2)))
                (local.set $l3 (call $fma32x2 (f64x2.promote_low_f32x4 (v128.load64_zero (i32.const 568)))
                                              (f64x2.promote_low_f32x4 (v128.load64_zero (i32.const 600))) (local.get $l3)))))
            ;; the AVX2 fold, each add rounded to float32: (l0+l4, l1+l5), (l2+l6, l3+l7), then pairs
            (local.set $l0 (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero (f64x2.add (local.get $l0) (local.get $l2)))))
            (local.set $l1 (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero (f64x2.add (local.get $l1) (local.get $l3)))))
            (local.set $l0 (f64x2.promote_low_f32x4 (f32x4.demote_f64x2_zero (f64x2.add (local.get $l0) (local.get $l1)))))
            (local.set $s (f32.demote_f64 (f64.add (f64x2.extract_lane 0 (local.get $l0)) (f64x2.extract_lane 1 (local.get $l0)))))))
        ;; g becomes f32(f32(g − s)·y)
        (local.set $sv (f32x4.splat (local.get $s)))
        (local.set $quadsEnd (i32.add (local.get $g) (i32.shl (i32.and (local.get $size) (i32.const -4)) (i32.const 2))))
        (local.set $q (local.get $g))
        (local.set $w (local.get $y))
        (block $b3 (loop $l3l
          (br_if $b3 (i32.ge_u (local.get $q) (local.get $quadsEnd)))
          (v128.store (local.get $q) (f32x4.mul (f32x4.sub (v128.load (local.get $q)) (local.get $sv)) (v128.load (local.get $w))))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (local.set $w (i32.add (local.get $w) (i32.const 16)))
          (br $l3l)))
        (block $b4 (loop $l4l
          (br_if $b4 (i32.ge_u (local.get $q) (local.get $end)))
          (f32.store (local.get $q) (f32.mul (f32.sub (f32.load (local.get $q)) (local.get $s)) (f32.load (local.get $w))))
          (local.set $q (i32.add (local.get $q) (i32.const 4)))
          (local.set $w (i32.add (local.get $w) (i32.const 4)))
          (br $l4l)))
        (local.set $g (local.get $end))
        (local.set $y (i32.add (local.get $y) (i32.shl (local.get $size) (i32.const 2))))
        (local.set $row (i32.add (local.get $row) (i32.const 1)))
        (br $rowl))))

  ;; float32 tanh (fastmath.ts `tanh32` behind activations.ts's saturation at ±8.664339742) of
  ;; the `n` floats at byte `p`, in place, two lanes of float64 at a time and without branches:
  ;; every lane computes both of tanh32's formulas — x + x·s·Q(s) with s = x², and
  ;; 1 − 2/(e^{2|x|} + 1) with exp32's reduction, table and cubic — with the same operations in
  ;; the same order, and keeps the one tanh32 would take (x itself below 7.45e-9, ±1 past the
  ;; saturation point, NaN for NaN). So each result is tanh32's bit for bit. Where the two
  ;; formulas alternate (pre-activations around ±0.55, as in a small MLP) the JavaScript loop
  ;; mispredicts a branch every few elements. `n` is even; the caller does an odd last element.
  ;; Two pairs per iteration while four floats remain (5.3 → 4.2 ns an element), then one pair.
  (func (export "tanh32") (param $p i32) (param $n i32)
    (local $end i32) (local $x v128) (local $a v128) (local $s v128) (local $small v128)
    (local $y v128) (local $k v128) (local $kd v128) (local $r v128) (local $e v128) (local $t v128)
    (local $ix v128) (local $big v128) (local $res v128)
    ;; the second pair of each block of four
    (local $x1 v128) (local $a1 v128) (local $s1 v128) (local $small1 v128) (local $y1 v128) (local $k1 v128)
    (local $kd1 v128) (local $r1 v128) (local $e1 v128) (local $t1 v128) (local $ix1 v128) (local $big1 v128)
    (local $res1 v128) (local $quadEnd i32)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
    (local.set $quadEnd (i32.add (local.get $p) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $qdone (loop $q
      (br_if $qdone (i32.ge_u (local.get $p) (local.get $quadEnd)))
      (local.set $x (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p))))
      (local.set $a (f64x2.abs (local.get $x)))
      ;; |x| ≤ 0.55: x + x·s·(Q0 + s·(Q1 + s·(Q2 + s·(Q3 + s·(Q4 + s·Q5)))))
      (local.set $s (f64x2.mul (local.get $x) (local.get $x)))
      (local.set $small (f64x2.add (f64x2.mul (local.get $s) (v128.const f64x2 0.002427309032745538 0.002427309032745538))
                                   (v128.const f64x2 -0.008440094407139262 -0.008440094407139262)))
      (local.set $small (f64x2.add (f64x2.mul (local.get $s) (local.get $small)) (v128.const f64x2 0.02179082748756736 0.02179082748756736)))
      (local.set $small (f64x2.add (f64x2.mul (local.get $s) (local.get $small)) (v128.const f64x2 -0.053960749729672366 -0.053960749729672366)))
      (local.set $small (f64x2.add (f64x2.mul (local.get $s) (local.get $small)) (v128.const f64x2 0.1333330018504289 0.1333330018504289)))
      (local.set $small (f64x2.add (f64x2.mul (local.get $s) (local.get $small)) (v128.const f64x2 -0.3333333284293825 -0.3333333284293825)))
      (local.set $small (f64x2.add (local.get $x) (f64x2.mul (f64x2.mul (local.get $x) (local.get $s)) (local.get $small))))
      (local.set $small (v128.bitselect (local.get $x) (local.get $small)
                                        (f64x2.lt (local.get $a) (v128.const f64x2 7.450580596923828e-9 7.450580596923828e-9))))
      ;; otherwise e = exp32(2|x|), then 1 − 2/(e + 1) with x's sign
      (local.set $y (f64x2.mul (v128.const f64x2 2 2) (local.get $a)))
      (local.set $k (f64x2.add (f64x2.mul (local.get $y) (v128.const f64x2 92.33248261689366 92.33248261689366))
                               (v128.const f64x2 6755399441055744 6755399441055744)))
      (local.set $kd (f64x2.sub (local.get $k) (v128.const f64x2 6755399441055744 6755399441055744)))
      (local.set $r (f64x2.sub (f64x2.sub (local.get $y) (f64x2.mul (local.get $kd) (v128.const f64x2 0.01083042469326756 0.01083042469326756)))
                               (f64x2.mul (local.get $kd) (v128.const f64x2 2.9815858269852933e-12 2.9815858269852933e-12))))
      (local.set $e (f64x2.add (local.get $r)
                               (f64x2.mul (f64x2.mul (local.get $r) (local.get $r))
                                          (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $r) (v128.const f64x2 0.16666666666666666 0.16666666666666666))))))
      (local.set $ix (i64x2.shl (v128.and (local.get $k) (v128.const i64x2 63 63)) (i32.const 3)))
      (local.set $t (v128.load64_zero (i32x4.extract_lane 0 (local.get $ix))))
      (local.set $t (v128.load64_lane 1 (i32x4.extract_lane 2 (local.get $ix)) (local.get $t)))
      (local.set $e (i64x2.add (f64x2.add (local.get $t) (f64x2.mul (local.get $t) (local.get $e)))
                               (i64x2.shl (v128.and (local.get $k) (v128.const i64x2 -64 -64)) (i32.const 46))))
      (local.set $big (f64x2.sub (v128.const f64x2 1 1) (f64x2.div (v128.const f64x2 2 2) (f64x2.add (local.get $e) (v128.const f64x2 1 1)))))
      (local.set $big (v128.or (local.get $big) (v128.and (local.get $x) (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
      (local.set $res (v128.bitselect (local.get $small) (local.get $big)
                                      (f64x2.le (local.get $a) (v128.const f64x2 0.55 0.55))))
      (local.set $res (v128.bitselect (v128.const f64x2 1 1) (local.get $res)
                                      (f64x2.gt (local.get $x) (v128.const f64x2 8.664339742 8.664339742))))
      (local.set $res (v128.bitselect (v128.const f64x2 -1 -1) (local.get $res)
                                      (f64x2.lt (local.get $x) (v128.const f64x2 -8.664339742 -8.664339742))))
      (local.set $res (v128.bitselect (local.get $x) (local.get $res) (f64x2.ne (local.get $x) (local.get $x))))
      (v128.store64_lane 0 (local.get $p) (f32x4.demote_f64x2_zero (local.get $res)))
      (local.set $x1 (f64x2.promote_low_f32x4 (v128.load64_zero offset=8 (local.get $p))))
      (local.set $a1 (f64x2.abs (local.get $x1)))
      ;; |x| ≤ 0.55: x + x·s·(Q0 + s·(Q1 + s·(Q2 + s·(Q3 + s·(Q4 + s·Q5)))))
      (local.set $s1 (f64x2.mul (local.get $x1) (local.get $x1)))
      (local.set $small1 (f64x2.add (f64x2.mul (local.get $s1) (v128.const f64x2 0.002427309032745538 0.002427309032745538))
                                   (v128.const f64x2 -0.008440094407139262 -0.008440094407139262)))
      (local.set $small1 (f64x2.add (f64x2.mul (local.get $s1) (local.get $small1)) (v128.const f64x2 0.02179082748756736 0.02179082748756736)))
      (local.set $small1 (f64x2.add (f64x2.mul (local.get $s1) (local.get $small1)) (v128.const f64x2 -0.053960749729672366 -0.053960749729672366)))
      (local.set $small1 (f64x2.add (f64x2.mul (local.get $s1) (local.get $small1)) (v128.const f64x2 0.1333330018504289 0.1333330018504289)))
      (local.set $small1 (f64x2.add (f64x2.mul (local.get $s1) (local.get $small1)) (v128.const f64x2 -0.3333333284293825 -0.3333333284293825)))
      (local.set $small1 (f64x2.add (local.get $x1) (f64x2.mul (f64x2.mul (local.get $x1) (local.get $s1)) (local.get $small1))))
      (local.set $small1 (v128.bitselect (local.get $x1) (local.get $small1)
                                        (f64x2.lt (local.get $a1) (v128.const f64x2 7.450580596923828e-9 7.450580596923828e-9))))
      ;; otherwise e = exp32(2|x|), then 1 − 2/(e + 1) with x's sign
      (local.set $y1 (f64x2.mul (v128.const f64x2 2 2) (local.get $a1)))
      (local.set $k1 (f64x2.add (f64x2.mul (local.get $y1) (v128.const f64x2 92.33248261689366 92.33248261689366))
                               (v128.const f64x2 6755399441055744 6755399441055744)))
      (local.set $kd1 (f64x2.sub (local.get $k1) (v128.const f64x2 6755399441055744 6755399441055744)))
      (local.set $r1 (f64x2.sub (f64x2.sub (local.get $y1) (f64x2.mul (local.get $kd1) (v128.const f64x2 0.01083042469326756 0.01083042469326756)))
                               (f64x2.mul (local.get $kd1) (v128.const f64x2 2.9815858269852933e-12 2.9815858269852933e-12))))
      (local.set $e1 (f64x2.add (local.get $r1)
                               (f64x2.mul (f64x2.mul (local.get $r1) (local.get $r1))
                                          (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $r1) (v128.const f64x2 0.16666666666666666 0.16666666666666666))))))
      (local.set $ix1 (i64x2.shl (v128.and (local.get $k1) (v128.const i64x2 63 63)) (i32.const 3)))
      (local.set $t1 (v128.load64_zero (i32x4.extract_lane 0 (local.get $ix1))))
      (local.set $t1 (v128.load64_lane 1 (i32x4.extract_lane 2 (local.get $ix1)) (local.get $t1)))
      (local.set $e1 (i64x2.add (f64x2.add (local.get $t1) (f64x2.mul (local.get $t1) (local.get $e1)))
                               (i64x2.shl (v128.and (local.get $k1) (v128.const i64x2 -64 -64)) (i32.const 46))))
      (local.set $big1 (f64x2.sub (v128.const f64x2 1 1) (f64x2.div (v128.const f64x2 2 2) (f64x2.add (local.get $e1) (v128.const f64x2 1 1)))))
      (local.set $big1 (v128.or (local.get $big1) (v128.and (local.get $x1) (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
      (local.set $res1 (v128.bitselect (local.get $small1) (local.get $big1)
                                      (f64x2.le (local.get $a1) (v128.const f64x2 0.55 0.55))))
      (local.set $res1 (v128.bitselect (v128.const f64x2 1 1) (local.get $res1)
                                      (f64x2.gt (local.get $x1) (v128.const f64x2 8.664339742 8.664339742))))
      (local.set $res1 (v128.bitselect (v128.const f64x2 -1 -1) (local.get $res1)
                                      (f64x2.lt (local.get $x1) (v128.const f64x2 -8.664339742 -8.664339742))))
      (local.set $res1 (v128.bitselect (local.get $x1) (local.get $res1) (f64x2.ne (local.get $x1) (local.get $x1))))
      (v128.store64_lane offset=8 0 (local.get $p) (f32x4.demote_f64x2_zero (local.get $res1)))
      (local.set $p (i32.add (local.get $p) (i32.const 16)))
      (br $q)))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $p) (local.get $end)))
      (local.set $x (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $p))))
      (local.set $a (f64x2.abs (local.get $x)))
      ;; |x| ≤ 0.55: x + x·s·(Q0 + s·(Q1 + s·(Q2 + s·(Q3 + s·(Q4 + s·Q5)))))
      (local.set $s (f64x2.mul (local.get $x) (local.get $x)))
      (local.set $small (f64x2.add (f64x2.mul (local.get $s) (v128.const f64x2 0.002427309032745538 0.002427309032745538))
                                   (v128.const f64x2 -0.008440094407139262 -0.008440094407139262)))
      (local.set $small (f64x2.add (f64x2.mul (local.get $s) (local.get $small)) (v128.const f64x2 0.02179082748756736 0.02179082748756736)))
      (local.set $small (f64x2.add (f64x2.mul (local.get $s) (local.get $small)) (v128.const f64x2 -0.053960749729672366 -0.053960749729672366)))
      (local.set $small (f64x2.add (f64x2.mul (local.get $s) (local.get $small)) (v128.const f64x2 0.1333330018504289 0.1333330018504289)))
      (local.set $small (f64x2.add (f64x2.mul (local.get $s) (local.get $small)) (v128.const f64x2 -0.3333333284293825 -0.3333333284293825)))
      (local.set $small (f64x2.add (local.get $x) (f64x2.mul (f64x2.mul (local.get $x) (local.get $s)) (local.get $small))))
      (local.set $small (v128.bitselect (local.get $x) (local.get $small)
                                        (f64x2.lt (local.get $a) (v128.const f64x2 7.450580596923828e-9 7.450580596923828e-9))))
      ;; otherwise e = exp32(2|x|), then 1 − 2/(e + 1) with x's sign
      (local.set $y (f64x2.mul (v128.const f64x2 2 2) (local.get $a)))
      (local.set $k (f64x2.add (f64x2.mul (local.get $y) (v128.const f64x2 92.33248261689366 92.33248261689366))
                               (v128.const f64x2 6755399441055744 6755399441055744)))
      (local.set $kd (f64x2.sub (local.get $k) (v128.const f64x2 6755399441055744 6755399441055744)))
      (local.set $r (f64x2.sub (f64x2.sub (local.get $y) (f64x2.mul (local.get $kd) (v128.const f64x2 0.01083042469326756 0.01083042469326756)))
                               (f64x2.mul (local.get $kd) (v128.const f64x2 2.9815858269852933e-12 2.9815858269852933e-12))))
      (local.set $e (f64x2.add (local.get $r)
                               (f64x2.mul (f64x2.mul (local.get $r) (local.get $r))
                                          (f64x2.add (v128.const f64x2 0.5 0.5) (f64x2.mul (local.get $r) (v128.const f64x2 0.16666666666666666 0.16666666666666666))))))
      (local.set $ix (i64x2.shl (v128.and (local.get $k) (v128.const i64x2 63 63)) (i32.const 3)))
      (local.set $t (v128.load64_zero (i32x4.extract_lane 0 (local.get $ix))))
      (local.set $t (v128.load64_lane 1 (i32x4.extract_lane 2 (local.get $ix)) (local.get $t)))
      (local.set $e (i64x2.add (f64x2.add (local.get $t) (f64x2.mul (local.get $t) (local.get $e)))
                               (i64x2.shl (v128.and (local.get $k) (v128.const i64x2 -64 -64)) (i32.const 46))))
      (local.set $big (f64x2.sub (v128.const f64x2 1 1) (f64x2.div (v128.const f64x2 2 2) (f64x2.add (local.get $e) (v128.const f64x2 1 1)))))
      (local.set $big (v128.or (local.get $big) (v128.and (local.get $x) (v128.const i64x2 0x8000000000000000 0x8000000000000000))))
      (local.set $res (v128.bitselect (local.get $small) (local.get $big)
                                      (f64x2.le (local.get $a) (v128.const f64x2 0.55 0.55))))
      (local.set $res (v128.bitselect (v128.const f64x2 1 1) (local.get $res)
                                      (f64x2.gt (local.get $x) (v128.const f64x2 8.664339742 8.664339742))))
      (local.set $res (v128.bitselect (v128.const f64x2 -1 -1) (local.get $res)
                                      (f64x2.lt (local.get $x) (v128.const f64x2 -8.664339742 -8.664339742))))
      (local.set $res (v128.bitselect (local.get $x) (local.get $res) (f64x2.ne (local.get $x) (local.get $x))))
      (v128.store64_lane 0 (local.get $p) (f32x4.demote_f64x2_zero (local.get $res)))
      (local.set $p (i32.add (local.get $p) (i32.const 8)))
      (br $l))))

  ;; `rows` rows of `inner` floats at byte `a`, in place: row[j] += b[j] (float32 additions, as
  ;; JavaScript's rounded sums); a bias added to every row of a batch.
  (func (export "add_rows32") (param $a i32) (param $b i32) (param $rows i32) (param $inner i32)
    (local $row i32) (local $j i32) (local $vecs i32)
    (local.set $vecs (i32.and (local.get $inner) (i32.const -4)))
    (block $rows_done (loop $rowl
      (br_if $rows_done (i32.ge_u (local.get $row) (local.get $rows)))
      (local.set $j (i32.const 0))
      (block $b1 (loop $l1
        (br_if $b1 (i32.ge_u (local.get $j) (local.get $vecs)))
        (v128.store (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 2)))
                    (f32x4.add (v128.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 2))))
                               (v128.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))))
        (local.set $j (i32.add (local.get $j) (i32.const 4)))
        (br $l1)))
      (block $b2 (loop $l2
        (br_if $b2 (i32.ge_u (local.get $j) (local.get $inner)))
        (f32.store (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 2)))
                   (f32.add (f32.load (i32.add (local.get $a) (i32.shl (local.get $j) (i32.const 2))))
                            (f32.load (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))))
        (local.set $j (i32.add (local.get $j) (i32.const 1)))
        (br $l2)))
      (local.set $a (i32.add (local.get $a) (i32.shl (local.get $inner) (i32.const 2))))
      (local.set $row (i32.add (local.get $row) (i32.const 1)))
      (br $rowl))))

  ;; Column sums of `rows` rows of `inner` floats at byte `g`, added in float64 to the `inner`
  ;; doubles at byte `acc`, row after row (broadcast.ts's reduceGrad order: a bias's gradient).
  (func (export "col_sums32") (param $g i32) (param $acc i32) (param $rows i32) (param $inner i32)
    (local $row i32) (local $j i32) (local $pairs i32) (local $q i32)
    (local.set $pairs (i32.and (local.get $inner) (i32.const -2)))
    (block $rows_done (loop $rowl
      (br_if $rows_done (i32.ge_u (local.get $row) (local.get $rows)))
      (local.set $j (i32.const 0))
      (block $b1 (loop $l1
        (br_if $b1 (i32.ge_u (local.get $j) (local.get $pairs)))
        (local.set $q (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 3))))
        (v128.store (local.get $q)
                    (f64x2.add (v128.load (local.get $q))
                               (f64x2.promote_low_f32x4 (v128.load64_zero (i32.add (local.get $g) (i32.shl (local.get $j) (i32.const 2)))))))
        (local.set $j (i32.add (local.get $j) (i32.const 2)))
        (br $l1)))
      (if (i32.lt_u (local.get $j) (local.get $inner))
        (then
          (local.set $q (i32.add (local.get $acc) (i32.shl (local.get $j) (i32.const 3))))
          (f64.store (local.get $q) (f64.add (f64.load (local.get $q))
                                             (f64.promote_f32 (f32.load (i32.add (local.get $g) (i32.shl (local.get $j) (i32.const 2)))))))))
      (local.set $g (i32.add (local.get $g) (i32.shl (local.get $inner) (i32.const 2))))
      (local.set $row (i32.add (local.get $row) (i32.const 1)))
      (br $rowl))))


  ;; tanh's float32 backward (activations.ts's tanhBwd32): g·(1 − y²) in float64, rounded once to
  ;; float32, for the `n` floats of g at byte `g` (in place) and y at byte `y`; `n` is even.
  (func (export "tanh_bwd32") (param $g i32) (param $y i32) (param $n i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $g) (i32.shl (local.get $n) (i32.const 2))))
    (block $done (loop $l
      (br_if $done (i32.ge_u (local.get $g) (local.get $end)))
      (local.set $v (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $y))))
      (v128.store64_lane 0 (local.get $g)
        (f32x4.demote_f64x2_zero
          (f64x2.mul (f64x2.promote_low_f32x4 (v128.load64_zero (local.get $g)))
                     (f64x2.sub (v128.const f64x2 1 1) (f64x2.mul (local.get $v) (local.get $v))))))
      (local.set $g (i32.add (local.get $g) (i32.const 8)))
      (local.set $y (i32.add (local.get $y) (i32.const 8)))
      (br $l))))

  ;; ReLU in float32 on `rows`·`size` floats at byte `p`, in place (`size` a multiple of 4):
  ;; x < 0 becomes +0, everything else (−0, NaN) stays — activations.ts's `v < 0 ? 0 : v` without
  ;; its branch, which mispredicts on every other element of a layer's signed pre-activations.
  (func (export "relu32") (param $p i32) (param $unused i32) (param $rows i32) (param $size i32)
    (local $end i32) (local $v v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (i32.mul (local.get $rows) (local.get $size)) (i32.const 2))))
    (loop $l
      (local.set $v (v128.load (local.get $p)))
      (v128.store (local.get $p) (v128.andnot (local.get $v) (f32x4.lt (local.get $v) (v128.const f32x4 0 0 0 0))))
      (br_if $l (i32.lt_u (local.tee $p (i32.add (local.get $p) (i32.const 16))) (local.get $end)))))

  ;; ReLU's float32 backward on `rows`·`size` floats (a multiple of 4): g at byte `g` (in place)
  ;; becomes +0 where the output y (at byte `y`) is ≤ 0 and stays g elsewhere (y NaN included).
  (func (export "relu_bwd32") (param $g i32) (param $y i32) (param $rows i32) (param $size i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $g) (i32.shl (i32.mul (local.get $rows) (local.get $size)) (i32.const 2))))
    (loop $l
      (v128.store (local.get $g)
        (v128.andnot (v128.load (local.get $g)) (f32x4.le (v128.load (local.get $y)) (v128.const f32x4 0 0 0 0))))
      (local.set $y (i32.add (local.get $y) (i32.const 16)))
      (br_if $l (i32.lt_u (local.tee $g (i32.add (local.get $g) (i32.const 16))) (local.get $end)))))

  ;; d += g on `rows`·`size` float32 (a multiple of 4) at bytes `d` and `g`: gradients summed where
  ;; two paths meet or into a leaf's .grad, each sum rounded to float32 as the JavaScript loop's.
  (func (export "add_into32") (param $d i32) (param $g i32) (param $rows i32) (param $size i32)
    (local $end i32)
    (local.set $end (i32.add (local.get $d) (i32.shl (i32.mul (local.get $rows) (local.get $size)) (i32.const 2))))
    (loop $l
      (v128.store (local.get $d) (f32x4.add (v128.load (local.get $d)) (v128.load (local.get $g))))
      (local.set $g (i32.add (local.get $g) (i32.const 16)))
      (br_if $l (i32.lt_u (local.tee $d (i32.add (local.get $d) (i32.const 16))) (local.get $end)))))
)
