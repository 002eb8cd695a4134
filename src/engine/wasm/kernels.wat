(module
  ;; the engine's e^x (fastmath.ts `exp`), for the lanes the vector code leaves to it
  (import "engine" "exp" (func $exp (param f64) (result f64)))
  (memory (export "memory") 1)
  ;; Bytes 0–511 hold 2^(j/64), j = 0..63 (fastmath.ts's EXP_TABLE, written by the loader);
  ;; the float64 kernels below read it. Work areas start at byte 1024.
  ;; C (M×N, row-major, N a multiple of 8) = A·B, A(r, p) at a + 4·(r·sar + p·sap), B (P×N) row-major.
  (func (export "gemm") (param $a i32) (param $sar i32) (param $sap i32) (param $b i32) (param $c i32)
        (param $M i32) (param $P i32) (param $N i32)
    (local $i i32) (local $j i32) (local $p i32) (local $pa i32) (local $pb i32) (local $pc i32)
    (local $rowB i32) (local $sar4 i32) (local $sap4 i32)
    (local $x0 v128) (local $x1 v128) (local $x2 v128) (local $x3 v128) (local $b0 v128) (local $b1 v128)
    (local $c0 v128) (local $c1 v128) (local $c2 v128) (local $c3 v128)
    (local $c4 v128) (local $c5 v128) (local $c6 v128) (local $c7 v128)
    (local.set $rowB (i32.shl (local.get $N) (i32.const 2)))
    (local.set $sar4 (i32.shl (local.get $sar) (i32.const 2)))
    (local.set $sap4 (i32.shl (local.get $sap) (i32.const 2)))
    (local.set $i (i32.const 0))
    (block $rows_done
      (loop $rows
        (br_if $rows_done (i32.gt_s (i32.add (local.get $i) (i32.const 4)) (local.get $M)))
        (local.set $j (i32.const 0))
        (block $cols_done
          (loop $cols
            (br_if $cols_done (i32.ge_s (local.get $j) (local.get $N)))
            (local.set $c0 (v128.const i32x4 0 0 0 0)) (local.set $c1 (v128.const i32x4 0 0 0 0))
            (local.set $c2 (v128.const i32x4 0 0 0 0)) (local.set $c3 (v128.const i32x4 0 0 0 0))
            (local.set $c4 (v128.const i32x4 0 0 0 0)) (local.set $c5 (v128.const i32x4 0 0 0 0))
            (local.set $c6 (v128.const i32x4 0 0 0 0)) (local.set $c7 (v128.const i32x4 0 0 0 0))
            (local.set $pa (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $sar4))))
            (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p (local.get $P))
            (block $k_done
              (loop $k
                (br_if $k_done (i32.eqz (local.get $p)))
                (local.set $x0 (f32x4.splat (f32.load (local.get $pa))))
                (local.set $x1 (f32x4.splat (f32.load (i32.add (local.get $pa) (local.get $sar4)))))
                (local.set $x2 (f32x4.splat (f32.load (i32.add (local.get $pa) (i32.shl (local.get $sar4) (i32.const 1))))))
                (local.set $x3 (f32x4.splat (f32.load (i32.add (local.get $pa) (i32.mul (local.get $sar4) (i32.const 3))))))
                (local.set $b0 (v128.load (local.get $pb)))
                (local.set $b1 (v128.load offset=16 (local.get $pb)))
                (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $x0) (local.get $b0))))
                (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $x0) (local.get $b1))))
                (local.set $c2 (f32x4.add (local.get $c2) (f32x4.mul (local.get $x1) (local.get $b0))))
                (local.set $c3 (f32x4.add (local.get $c3) (f32x4.mul (local.get $x1) (local.get $b1))))
                (local.set $c4 (f32x4.add (local.get $c4) (f32x4.mul (local.get $x2) (local.get $b0))))
                (local.set $c5 (f32x4.add (local.get $c5) (f32x4.mul (local.get $x2) (local.get $b1))))
                (local.set $c6 (f32x4.add (local.get $c6) (f32x4.mul (local.get $x3) (local.get $b0))))
                (local.set $c7 (f32x4.add (local.get $c7) (f32x4.mul (local.get $x3) (local.get $b1))))
                (local.set $pa (i32.add (local.get $pa) (local.get $sap4)))
                (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br $k)))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $N)) (local.get $j)) (i32.const 2))))
            (v128.store (local.get $pc) (local.get $c0))
            (v128.store offset=16 (local.get $pc) (local.get $c1))
            (local.set $pc (i32.add (local.get $pc) (local.get $rowB)))
            (v128.store (local.get $pc) (local.get $c2))
            (v128.store offset=16 (local.get $pc) (local.get $c3))
            (local.set $pc (i32.add (local.get $pc) (local.get $rowB)))
            (v128.store (local.get $pc) (local.get $c4))
            (v128.store offset=16 (local.get $pc) (local.get $c5))
            (local.set $pc (i32.add (local.get $pc) (local.get $rowB)))
            (v128.store (local.get $pc) (local.get $c6))
            (v128.store offset=16 (local.get $pc) (local.get $c7))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $cols)))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $rows)))
    ;; leftover rows, one at a time
    (block $r1_done
      (loop $r1
        (br_if $r1_done (i32.ge_s (local.get $i) (local.get $M)))
        (local.set $j (i32.const 0))
        (block $c1_done
          (loop $c1l
            (br_if $c1_done (i32.ge_s (local.get $j) (local.get $N)))
            (local.set $c0 (v128.const i32x4 0 0 0 0)) (local.set $c1 (v128.const i32x4 0 0 0 0))
            (local.set $pa (i32.add (local.get $a) (i32.mul (local.get $i) (local.get $sar4))))
            (local.set $pb (i32.add (local.get $b) (i32.shl (local.get $j) (i32.const 2))))
            (local.set $p (local.get $P))
            (block $k1_done
              (loop $k1
                (br_if $k1_done (i32.eqz (local.get $p)))
                (local.set $x0 (f32x4.splat (f32.load (local.get $pa))))
                (local.set $c0 (f32x4.add (local.get $c0) (f32x4.mul (local.get $x0) (v128.load (local.get $pb)))))
                (local.set $c1 (f32x4.add (local.get $c1) (f32x4.mul (local.get $x0) (v128.load offset=16 (local.get $pb)))))
                (local.set $pa (i32.add (local.get $pa) (local.get $sap4)))
                (local.set $pb (i32.add (local.get $pb) (local.get $rowB)))
                (local.set $p (i32.sub (local.get $p) (i32.const 1)))
                (br $k1)))
            (local.set $pc (i32.add (local.get $c) (i32.shl (i32.add (i32.mul (local.get $i) (local.get $N)) (local.get $j)) (i32.const 2))))
            (v128.store (local.get $pc) (local.get $c0))
            (v128.store offset=16 (local.get $pc) (local.get $c1))
            (local.set $j (i32.add (local.get $j) (i32.const 8)))
            (br $c1l)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $r1))))

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
  ;; y·(g − Σ g·y) row by row, y at byte `y` (softmax.ts's loop; the dot in two lanes).
  (func (export "softmax_bwd_rows") (param $g i32) (param $y i32) (param $rows i32) (param $size i32)
    (local $row i32) (local $end i32) (local $pairsEnd i32) (local $q i32) (local $w i32)
    (local $acc v128) (local $sv v128) (local $s f64)
    (block $rows_done
      (loop $rowl
        (br_if $rows_done (i32.ge_u (local.get $row) (local.get $rows)))
        (local.set $end (i32.add (local.get $g) (i32.shl (local.get $size) (i32.const 3))))
        (local.set $pairsEnd (i32.add (local.get $g) (i32.shl (i32.and (local.get $size) (i32.const -2)) (i32.const 3))))
        (local.set $acc (v128.const f64x2 0 0))
        (local.set $q (local.get $g))
        (local.set $w (local.get $y))
        (block $b1 (loop $l1
          (br_if $b1 (i32.ge_u (local.get $q) (local.get $pairsEnd)))
          (local.set $acc (f64x2.add (local.get $acc) (f64x2.mul (v128.load (local.get $q)) (v128.load (local.get $w)))))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (local.set $w (i32.add (local.get $w) (i32.const 16)))
          (br $l1)))
        (local.set $s (f64.add (f64x2.extract_lane 0 (local.get $acc)) (f64x2.extract_lane 1 (local.get $acc))))
        (if (i32.lt_u (local.get $q) (local.get $end))
          (then (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $q)) (f64.load (local.get $w)))))))
        (local.set $sv (f64x2.splat (local.get $s)))
        (local.set $q (local.get $g))
        (local.set $w (local.get $y))
        (block $b2 (loop $l2
          (br_if $b2 (i32.ge_u (local.get $q) (local.get $pairsEnd)))
          (v128.store (local.get $q) (f64x2.mul (v128.load (local.get $w)) (f64x2.sub (v128.load (local.get $q)) (local.get $sv))))
          (local.set $q (i32.add (local.get $q) (i32.const 16)))
          (local.set $w (i32.add (local.get $w) (i32.const 16)))
          (br $l2)))
        (if (i32.lt_u (local.get $q) (local.get $end))
          (then (f64.store (local.get $q) (f64.mul (f64.load (local.get $w)) (f64.sub (f64.load (local.get $q)) (local.get $s))))))
        (local.set $g (local.get $end))
        (local.set $y (i32.add (local.get $y) (i32.shl (local.get $size) (i32.const 3))))
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
  (func (export "tanh32") (param $p i32) (param $n i32)
    (local $end i32) (local $x v128) (local $a v128) (local $s v128) (local $small v128)
    (local $y v128) (local $k v128) (local $kd v128) (local $r v128) (local $e v128) (local $t v128)
    (local $ix v128) (local $big v128) (local $res v128)
    (local.set $end (i32.add (local.get $p) (i32.shl (local.get $n) (i32.const 2))))
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
)
