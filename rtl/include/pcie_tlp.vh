// TLP header codes from the PCI Express base specification (transaction layer).
// SPDX-License-Identifier: Apache-2.0
`ifndef PCIE_TLP_VH
`define PCIE_TLP_VH

// Fmt: header length and whether a payload follows (DW0 bits 31:29).
`define TLP_FMT_3DW       3'b000
`define TLP_FMT_4DW       3'b001
`define TLP_FMT_3DW_DATA  3'b010
`define TLP_FMT_4DW_DATA  3'b011
`define TLP_FMT_PREFIX    3'b100

// Type (DW0 bits 28:24).
`define TLP_TYPE_MEM      5'b00000  // MRd / MWr
`define TLP_TYPE_MEM_LK   5'b00001  // MRdLk
`define TLP_TYPE_IO       5'b00010
`define TLP_TYPE_CFG0     5'b00100
`define TLP_TYPE_CFG1     5'b00101
`define TLP_TYPE_CPL      5'b01010  // Cpl / CplD
`define TLP_TYPE_CPL_LK   5'b01011
`define TLP_TYPE_FETCHADD 5'b01100  // atomics: Fmt 010 or 011
`define TLP_TYPE_SWAP     5'b01101
`define TLP_TYPE_CAS      5'b01110
// Messages are Type 10rrr (routing in the low three bits).
`define TLP_TYPE_IS_MSG(t) ((t) >= 5'b10000 && (t) <= 5'b10111)

// Completion status (completion DW1 bits 15:13).
`define TLP_CPL_SC        3'b000  // successful completion
`define TLP_CPL_UR        3'b001  // unsupported request
`define TLP_CPL_CRS       3'b010  // configuration request retry
`define TLP_CPL_CA        3'b100  // completer abort

`endif
