/* ISA test: branch offsets at the ends of the B-immediate range (+4092, -4096) and in
   between, so that every immediate bit is used, for each branch. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

/* A taken branch dist bytes forward. */
.macro FAR_FWD num, inst, v1, v2, dist
    li gp, \num
    li a1, \v1
    li a2, \v2
.Lb\@:
    \inst a1, a2, .Lb\@ + \dist
    li t5, 0
    li t6, 1
    j fail
    .skip (.Lb\@ + \dist) - .
.endm

/* A taken branch dist bytes backward. */
.macro FAR_BACK num, inst, v1, v2, dist
    li gp, \num
    li a1, \v1
    li a2, \v2
    j .Lbr\@
.Lt\@:
    j .Ldone\@
    .skip \dist - (. - .Lt\@)
.Lbr\@:
    \inst a1, a2, .Lt\@
    li t5, 0
    li t6, 2
    j fail
.Ldone\@:
.endm

/* A branch not taken with a far target: it falls through. */
.macro FAR_NOT num, inst, v1, v2, dist
    li gp, \num
    li a1, \v1
    li a2, \v2
    li a0, 0
.Lb\@:
    \inst a1, a2, .Lb\@ + \dist
    li a0, 1
    j .Lover\@
    .skip (.Lb\@ + \dist) - .
    li a0, 2
.Lover\@:
    CHECK \num, a0, 1
.endm

TEST_BEGIN
    FAR_FWD 1, beq, 5, 5, 4092
    FAR_BACK 2, beq, 5, 5, 4096
    FAR_FWD 3, bne, 5, 6, 4092
    FAR_BACK 4, bne, 5, 6, 4096
    FAR_FWD 5, blt, -1, 0, 4092
    FAR_BACK 6, blt, -1, 0, 4096
    FAR_FWD 7, bge, 0, -1, 4092
    FAR_BACK 8, bge, 0, -1, 4096
    FAR_FWD 9, bltu, 0, -1, 4092
    FAR_BACK 10, bltu, 0, -1, 4096
    FAR_FWD 11, bgeu, -1, 0, 4092
    FAR_BACK 12, bgeu, -1, 0, 4096
    /* imm[11] alone, imm[10:5] and imm[4:1] patterns, both signs */
    FAR_FWD 13, beq, 0, 0, 2048
    FAR_BACK 14, beq, 0, 0, 2048
    FAR_FWD 15, bne, 0, 1, 0x554
    FAR_BACK 16, bne, 0, 1, 0xAAC
    FAR_FWD 17, beq, 0, 0, 0x7E0
    FAR_BACK 18, beq, 0, 0, 0x1C
    FAR_FWD 19, beq, 0, 0, 16
    FAR_BACK 20, beq, 0, 0, 4
    /* not taken, far targets */
    FAR_NOT 21, beq, 0, 1, 4092
    FAR_NOT 22, bltu, -1, 0, 2048
TEST_END
