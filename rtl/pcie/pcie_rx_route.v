// pcie_rx_route: sends each received TLP either to the read requester (completions) or to
// the BAR0 target (everything else), a whole TLP at a time.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none
`include "pcie_tlp.vh"

// The choice is made on the first beat from the Type field of DW0 and held until tlast.
// The switch is combinational (no buffering): rx_tready_o is the chosen output's ready for
// every beat of the TLP, so a stalled output stalls the link but one output never waits for
// the other. Completions (Type 01010: Cpl and CplD) go to cpl_*; everything else, CplLk
// included (sgpu never sends locked reads, so the BAR0 target drops and counts it), goes to
// req_* with the BAR0 hit of the hard IP (rx_tuser_i bit 2) held for the whole TLP.
module pcie_rx_route (
  input  wire        clk_i,
  input  wire        rst_ni,
  // From the hard IP.
  input  wire [63:0] rx_tdata_i,
  input  wire [7:0]  rx_tkeep_i,
  input  wire        rx_tlast_i,
  input  wire        rx_tvalid_i,
  output wire        rx_tready_o,
  input  wire [21:0] rx_tuser_i,
  // Completions, to the read requester.
  output wire [63:0] cpl_tdata_o,
  output wire [7:0]  cpl_tkeep_o,
  output wire        cpl_tlast_o,
  output wire        cpl_tvalid_o,
  input  wire        cpl_tready_i,
  // Requests (and anything else), to the BAR0 target; req_bar0_o: the TLP hit BAR0.
  output wire [63:0] req_tdata_o,
  output wire        req_tlast_o,
  output wire        req_tvalid_o,
  input  wire        req_tready_i,
  output wire        req_bar0_o
);
  reg in_tlp_q, in_tlp_d;   // a TLP has started and not ended
  reg to_cpl_q, to_cpl_d;   // where the current TLP goes
  reg bar0_q, bar0_d;       // its BAR0 hit, from its first beat

  // On a first beat the decision comes from the beat itself; afterwards from the flops.
  wire first_is_cpl = rx_tdata_i[28:24] == `TLP_TYPE_CPL;
  wire to_cpl = in_tlp_q ? to_cpl_q : first_is_cpl;
  wire bar0 = in_tlp_q ? bar0_q : rx_tuser_i[2];
  wire ready = to_cpl ? cpl_tready_i : req_tready_i;
  wire beat = rx_tvalid_i & ready;

  always @* begin
    in_tlp_d = in_tlp_q;
    to_cpl_d = to_cpl_q;
    bar0_d = bar0_q;
    if (beat) begin
      in_tlp_d = !rx_tlast_i;
      to_cpl_d = to_cpl;
      bar0_d = bar0;
    end
  end

  always @(posedge clk_i) begin
    if (!rst_ni) begin
      in_tlp_q <= 1'b0;
      to_cpl_q <= 1'b0;
      bar0_q <= 1'b0;
    end else begin
      in_tlp_q <= in_tlp_d;
      to_cpl_q <= to_cpl_d;
      bar0_q <= bar0_d;
    end
  end

  assign rx_tready_o = ready;
  assign cpl_tdata_o = rx_tdata_i;
  assign cpl_tkeep_o = rx_tkeep_i;
  assign cpl_tlast_o = rx_tlast_i;
  assign cpl_tvalid_o = rx_tvalid_i & to_cpl;
  assign req_tdata_o = rx_tdata_i;
  assign req_tlast_o = rx_tlast_i;
  assign req_tvalid_o = rx_tvalid_i & !to_cpl;
  assign req_bar0_o = bar0;

  // Only the BAR hit bits matter: ECRC error, error forward (the header's EP bit says the
  // same), other BARs and the 128-bit straddle bits do not.
  wire unused_ok = &{1'b0, rx_tuser_i[21:3], rx_tuser_i[1:0]};
endmodule

`default_nettype wire
