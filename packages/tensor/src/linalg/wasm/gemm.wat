;; The float32 matrix product micro-kernel behind gemm-f32.ts, in WebAssembly SIMD128.
;;
;; Source of gemm-wasm-bytes.ts: after editing, run `node scripts/build-wasm.mjs` from the repo
;; root (a unit test fails while the two differ).
;;
;; `gemm` computes C += A B (or C = A B when $acc is 0) on operands that the caller has already
;; packed into this module's memory (all addresses in bytes, 16-byte aligned):
;; - A, $mp rows (a multiple of 4) by $kc: panels of 4 rows; panel p holds, for k = 0 .. $kc-1,
;;   the 4 entries A[4p .. 4p+4, k] next to each other;
;; - B, $kc by $np columns (a multiple of 8): panels of 8 columns; panel q holds, for each k, the
;;   8 entries B[k, 8q .. 8q+8] next to each other;
;; - C, $mp by $np, row-major with row length $ldc floats.
;; Rows and columns past the real matrix are zeros in the packed panels, so tiles never need a
;; bounds check; the caller copies back only the valid part of C.
;;
;; The register tile is 4 rows by 8 columns: eight f32x4 accumulators, two B vectors and one
;; broadcast A entry (11 of the 16 xmm registers V8 has on x64). Each k step loads B[k, 8 cols]
;; as two contiguous v128 and each of the 4 A entries with a load32_splat, then does 8 mul + 8
;; add. Products and sums are separate (f32x4.mul then f32x4.add), as fused multiply-add is only
;; in relaxed-simd. 5x8, 6x8 and 4x12 tiles ran at half the speed (V8 spills); 4x4 at 2/3.
;;
;; Loop order (GotoBLAS): blocks of $mcb rows of A (a block stays in L2), then 8-column B panels
;; ($kc x 8 floats stays in L1 while every 4-row A panel of the block passes over it).
(module
  (memory (export "memory") 1)

  (func (export "gemm")
    (param $ap i32) (param $bp i32) (param $cp i32)
    (param $mp i32) (param $np i32) (param $kc i32) (param $ldc i32)
    (param $mcb i32) (param $acc i32)
    (local $i0 i32) (local $iend i32) (local $jp i32) (local $ip i32)
    (local $a i32) (local $aend i32) (local $b i32) (local $c i32) (local $ldcb i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $x v128)
    (local.set $ldcb (i32.shl (local.get $ldc) (i32.const 2)))
    (loop $row_blocks
      (local.set $iend (i32.add (local.get $i0) (local.get $mcb)))
      (if (i32.gt_u (local.get $iend) (local.get $mp)) (then (local.set $iend (local.get $mp))))
      (local.set $jp (i32.const 0))
      (loop $b_panels
        (local.set $ip (local.get $i0))
        (loop $a_panels
          ;; panel starts: 4 * ip * kc bytes into A (ip counts rows), 4 * jp * kc into B
          (local.set $a (i32.add (local.get $ap) (i32.shl (i32.mul (local.get $ip) (local.get $kc)) (i32.const 2))))
          (local.set $b (i32.add (local.get $bp) (i32.shl (i32.mul (local.get $jp) (local.get $kc)) (i32.const 2))))
          (local.set $aend (i32.add (local.get $a) (i32.shl (local.get $kc) (i32.const 4))))
          (local.set $c00 (v128.const i32x4 0 0 0 0))
          (local.set $c01 (v128.const i32x4 0 0 0 0))
          (local.set $c10 (v128.const i32x4 0 0 0 0))
          (local.set $c11 (v128.const i32x4 0 0 0 0))
          (local.set $c20 (v128.const i32x4 0 0 0 0))
          (local.set $c21 (v128.const i32x4 0 0 0 0))
          (local.set $c30 (v128.const i32x4 0 0 0 0))
          (local.set $c31 (v128.const i32x4 0 0 0 0))
          (loop $k
            (local.set $b0 (v128.load (local.get $b)))
            (local.set $b1 (v128.load offset=16 (local.get $b)))
            (local.set $x (v128.load32_splat (local.get $a)))
            (local.set $c00 (f32x4.add (local.get $c00) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $c01 (f32x4.add (local.get $c01) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat offset=4 (local.get $a)))
            (local.set $c10 (f32x4.add (local.get $c10) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $c11 (f32x4.add (local.get $c11) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat offset=8 (local.get $a)))
            (local.set $c20 (f32x4.add (local.get $c20) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $c21 (f32x4.add (local.get $c21) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $x (v128.load32_splat offset=12 (local.get $a)))
            (local.set $c30 (f32x4.add (local.get $c30) (f32x4.mul (local.get $x) (local.get $b0))))
            (local.set $c31 (f32x4.add (local.get $c31) (f32x4.mul (local.get $x) (local.get $b1))))
            (local.set $a (i32.add (local.get $a) (i32.const 16)))
            (local.set $b (i32.add (local.get $b) (i32.const 32)))
            (br_if $k (i32.lt_u (local.get $a) (local.get $aend))))
          ;; the tile of C: row ip, column jp
          (local.set $c (i32.add (local.get $cp)
            (i32.shl (i32.add (i32.mul (local.get $ip) (local.get $ldc)) (local.get $jp)) (i32.const 2))))
          (if (local.get $acc)
            (then
              (local.set $c00 (f32x4.add (local.get $c00) (v128.load (local.get $c))))
              (local.set $c01 (f32x4.add (local.get $c01) (v128.load offset=16 (local.get $c))))
              (local.set $c10 (f32x4.add (local.get $c10) (v128.load (i32.add (local.get $c) (local.get $ldcb)))))
              (local.set $c11 (f32x4.add (local.get $c11) (v128.load offset=16 (i32.add (local.get $c) (local.get $ldcb)))))
              (local.set $c20 (f32x4.add (local.get $c20) (v128.load (i32.add (local.get $c) (i32.shl (local.get $ldcb) (i32.const 1))))))
              (local.set $c21 (f32x4.add (local.get $c21) (v128.load offset=16 (i32.add (local.get $c) (i32.shl (local.get $ldcb) (i32.const 1))))))
              (local.set $c30 (f32x4.add (local.get $c30) (v128.load (i32.add (local.get $c) (i32.mul (local.get $ldcb) (i32.const 3))))))
              (local.set $c31 (f32x4.add (local.get $c31) (v128.load offset=16 (i32.add (local.get $c) (i32.mul (local.get $ldcb) (i32.const 3))))))))
          (v128.store (local.get $c) (local.get $c00))
          (v128.store offset=16 (local.get $c) (local.get $c01))
          (local.set $c (i32.add (local.get $c) (local.get $ldcb)))
          (v128.store (local.get $c) (local.get $c10))
          (v128.store offset=16 (local.get $c) (local.get $c11))
          (local.set $c (i32.add (local.get $c) (local.get $ldcb)))
          (v128.store (local.get $c) (local.get $c20))
          (v128.store offset=16 (local.get $c) (local.get $c21))
          (local.set $c (i32.add (local.get $c) (local.get $ldcb)))
          (v128.store (local.get $c) (local.get $c30))
          (v128.store offset=16 (local.get $c) (local.get $c31))
          (local.set $ip (i32.add (local.get $ip) (i32.const 4)))
          (br_if $a_panels (i32.lt_u (local.get $ip) (local.get $iend))))
        (local.set $jp (i32.add (local.get $jp) (i32.const 8)))
        (br_if $b_panels (i32.lt_u (local.get $jp) (local.get $np))))
      (local.set $i0 (local.get $iend))
      (br_if $row_blocks (i32.lt_u (local.get $i0) (local.get $mp))))))
