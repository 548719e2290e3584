/* ISA test: CSR accesses that are illegal instructions: a CSR the core does not have, and
   any write to a read-only CSR (also csrrs/csrrc with a zero-valued rs1 other than x0);
   reads of read-only CSRs and set/clear with x0 or a zero immediate are fine. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "test.h"

TEST_BEGIN
    /* CSRs the core does not have */
    TRAP_ILLEGAL 1, 0x10002573          /* csrr a0, sstatus (0x100): no S mode */
    TRAP_ILLEGAL 2, 0x10502573          /* csrr a0, stvec */
    TRAP_ILLEGAL 3, 0x7C002573          /* csrr a0, 0x7C0 (custom) */
    TRAP_ILLEGAL 4, 0x7B002573          /* csrr a0, dcsr: debug mode only */
    TRAP_ILLEGAL 5, 0x00102573          /* csrr a0, fflags: no F */
    TRAP_ILLEGAL 6, 0x80002573          /* csrr a0, 0x800 (custom) */
    TRAP_ILLEGAL 7, 0xC0102573          /* csrr a0, time: not in docs/cpu.md's list */
    TRAP_ILLEGAL 8, 0x34B59573          /* csrrw a0, 0x34B, a1 */
    TRAP_ILLEGAL 9, 0xFFF02573          /* csrr a0, 0xFFF */

    /* writes to read-only CSRs: mhartid, cycle, cycleh, instret, instreth */
    TRAP_ILLEGAL 10, 0xF1459073         /* csrw mhartid, a1 */
    TRAP_ILLEGAL 11, 0xF1401073         /* csrw mhartid, x0: still a write */
    TRAP_ILLEGAL 12, 0xC0059573         /* csrrw a0, cycle, a1 */
    TRAP_ILLEGAL 13, 0xC8059073         /* csrw cycleh, a1 */
    TRAP_ILLEGAL 14, 0xC0205073         /* csrwi instret, 0: csrrwi always writes */
    TRAP_ILLEGAL 15, 0xC820E573         /* csrrsi a0, instreth, 1 */
    TRAP_ILLEGAL 16, 0xF140F573         /* csrrci a0, mhartid, 1 */
    li a1, 0
    TRAP_ILLEGAL 17, 0xC005A573         /* csrrs a0, cycle, a1 with a1 = 0: a write attempt */
    TRAP_ILLEGAL 18, 0xF145B573         /* csrrc a0, mhartid, a1 with a1 = 0 */

    /* reads of read-only CSRs are legal: csrrs/csrrc with x0, csrrsi/csrrci with 0 */
    csrrs a0, mhartid, x0
    CHECK 19, a0, 0
    csrrc a0, mhartid, x0
    CHECK 20, a0, 0
    csrrsi a0, mhartid, 0
    CHECK 21, a0, 0
    csrrci a0, mhartid, 0
    CHECK 22, a0, 0
    csrrs a0, cycle, x0
    csrrs a0, cycleh, x0
    csrrs a0, instret, x0
    csrrsi a0, instreth, 0
    csrrci a0, instret, 0

    /* the destination of an illegal CSR access is not written, and no CSR changes */
    li a0, 0x4321
    li a1, 0x1111
    csrw mscratch, a1
    TRAP_ILLEGAL 23, 0x7C059573         /* csrrw a0, 0x7C0, a1 */
    CHECK 24, a0, 0x4321
    csrr a2, mscratch
    CHECK 25, a2, 0x1111
    TRAP_ILLEGAL 26, 0xF1459573         /* csrrw a0, mhartid, a1 */
    CHECK 27, a0, 0x4321
    csrr a2, mhartid
    CHECK 28, a2, 0
TEST_END
