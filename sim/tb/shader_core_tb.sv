// Self-checking testbench for shader_core: the real kernels (build/kernels/*.bin) on one core.
// SPDX-License-Identifier: Apache-2.0
`default_nettype none

// The bench plays the rest of the compute engine: it fills the instruction RAM through the
// fill port (as compute_iram_loader does, both halves of a word or one), hands out
// workgroups when the core asks (after a random delay), and serves the VRAM client from a
// model that stalls requests at random. It checks the trampoline's words against the
// assembler's, the kernels' results against references computed here, the work-item
// registers, the fault outputs (kind and PC or address), that a request waits unchanged
// until granted, and that run_i low drops every request at once.
// +kernels=DIR picks the kernel images (default build/kernels); +seed=N the random choices.
module shader_core_tb;
  localparam integer VRAM_BYTES  = 65536;
  localparam integer WORDS       = VRAM_BYTES / 8;
  localparam integer AW          = $clog2(WORDS);
  localparam integer IRAM_BYTES  = 4096;
  localparam integer STACK_BYTES = 1024;
  localparam integer CORE_ID     = 5;
  localparam [31:0]  STACK_TOP   = 32'hFFFF_F000;

  reg clk = 1'b0;
  initial forever #5 clk = ~clk;

  // ------------------------------------------------------------------ DUT
  reg          run = 1'b0, clear = 1'b0, preempt = 1'b0;
  reg  [1:0]   st_region = 2'd0;
  reg  [8:0]   st_row = 9'd0;
  reg          st_we = 1'b0;
  reg  [63:0]  st_wdata = 64'd0;
  wire [63:0]  st_rdata;
  wire         saved;
  wire [31:0]  sp;
  reg  [31:0]  kernel = 0, iram_len = 0, args = 0, wg_size = 1, grid_x = 1, grid_y = 1, grid_z = 1;
  reg          fill_we = 1'b0;
  reg  [8:0]   fill_row = 0;
  reg  [1:0]   fill_half = 0;
  reg  [63:0]  fill_data = 0;
  wire         wg_req;
  reg          wg_gnt = 1'b0;
  reg  [31:0]  wg_x = 0, wg_y = 0, wg_z = 0, wg_base_x = 0;
  wire         vr_req, vw_req;
  reg          vr_gnt = 1'b0, vw_gnt = 1'b0;
  wire [AW-1:0] vr_addr, vw_addr;
  wire [7:0]   vw_be;
  wire [63:0]  vw_data;
  reg  [63:0]  vr_rdata = 0;
  wire         fault, fault_bad;
  wire [31:0]  fault_info;

  shader_core #(.CORE_ID(CORE_ID), .VRAM_BYTES(VRAM_BYTES), .IRAM_BYTES(IRAM_BYTES),
                .STACK_BYTES(STACK_BYTES)) dut (
    .clk_i(clk), .run_i(run), .clear_i(clear), .preempt_i(preempt), .saved_o(saved),
    .sp_o(sp), .st_region_i(st_region), .st_row_i(st_row), .st_we_i(st_we),
    .st_wdata_i(st_wdata), .st_rdata_o(st_rdata),
    .kernel_i(kernel), .iram_len_i(iram_len), .args_i(args), .wg_size_i(wg_size),
    .grid_x_i(grid_x), .grid_y_i(grid_y), .grid_z_i(grid_z),
    .fill_we_i(fill_we), .fill_row_i(fill_row), .fill_half_i(fill_half), .fill_data_i(fill_data),
    .wg_req_o(wg_req), .wg_gnt_i(wg_gnt), .wg_x_i(wg_x), .wg_y_i(wg_y), .wg_z_i(wg_z),
    .wg_base_x_i(wg_base_x),
    .vr_req_o(vr_req), .vr_addr_o(vr_addr), .vr_gnt_i(vr_gnt), .vr_rdata_i(vr_rdata),
    .vw_req_o(vw_req), .vw_addr_o(vw_addr), .vw_be_o(vw_be), .vw_data_o(vw_data),
    .vw_gnt_i(vw_gnt),
    .fault_o(fault), .fault_bad_access_o(fault_bad), .fault_info_o(fault_info)
  );

  // ------------------------------------------------------------------ checking
  integer errors = 0;
  string  test = "";
  task automatic fail(input string why);
    if (errors == 0) $display("FAIL shader_core: %s: %s", test, why);
    else if (errors < 10) $display("  also: %s: %s", test, why);
    errors = errors + 1;
  endtask
  task automatic check(input string what, input [31:0] got, input [31:0] want);
    if (got !== want) fail($sformatf("%s: got %08x, expected %08x", what, got, want));
  endtask

  // ------------------------------------------------------------------ VRAM model
  logic [63:0] mem [0:WORDS-1];
  integer stall_r = 0, stall_w = 0;
  reg     rd_prev = 1'b0, wr_prev = 1'b0;
  reg [AW-1:0] rd_prev_addr, wr_prev_addr;
  reg [7:0]    wr_prev_be;
  reg [63:0]   wr_prev_data;
  integer      b, vreads = 0, vwrites = 0;

  always @(negedge clk) begin
    vr_gnt = vr_req && ($urandom % 100 >= stall_r);
    vw_gnt = vw_req && ($urandom % 100 >= stall_w);
  end
  always @(posedge clk) begin
    if (vr_gnt) begin vr_rdata <= mem[vr_addr]; vreads = vreads + 1; end
    else        vr_rdata <= {$urandom, $urandom};
    if (vw_gnt) begin
      for (b = 0; b < 8; b = b + 1) if (vw_be[b]) mem[vw_addr][8*b +: 8] <= vw_data[8*b +: 8];
      vwrites = vwrites + 1;
    end
    if (rd_prev && run && (!vr_req || vr_addr !== rd_prev_addr))
      fail("an ungranted VRAM read request changed");
    if (wr_prev && run && (!vw_req || vw_addr !== wr_prev_addr || vw_be !== wr_prev_be ||
                           vw_data !== wr_prev_data))
      fail("an ungranted VRAM write request changed");
    if (!run && (vr_req || vw_req || wg_req)) fail("a request while run_i is low");
    if (vw_req && (vw_be == 8'h00 || (vw_be[7:4] != 4'h0 && vw_be[3:0] != 4'h0)))
      fail($sformatf("write byte enables %02x: not inside one 32-bit word", vw_be));
    rd_prev <= vr_req && !vr_gnt; rd_prev_addr <= vr_addr;
    wr_prev <= vw_req && !vw_gnt; wr_prev_addr <= vw_addr; wr_prev_be <= vw_be;
    wr_prev_data <= vw_data;
  end

  task automatic wr32(input [31:0] a, input [31:0] v);
    if (a[2]) mem[a >> 3][63:32] = v; else mem[a >> 3][31:0] = v;
  endtask
  function automatic [31:0] rd32(input [31:0] a);
    rd32 = a[2] ? mem[a >> 3][63:32] : mem[a >> 3][31:0];
  endfunction
  task automatic wr8(input [31:0] a, input [7:0] v);
    mem[a >> 3][8 * a[2:0] +: 8] = v;
  endtask
  function automatic [7:0] rd8(input [31:0] a);
    rd8 = mem[a >> 3][8 * a[2:0] +: 8];
  endfunction
  task automatic fill_random(input [31:0] a, input integer bytes);
    integer i;
    for (i = 0; i < bytes; i = i + 4) wr32(a + i, $urandom);
  endtask

  // ------------------------------------------------------------------ kernels
  localparam integer K_VADD = 0, K_FILTER = 1, K_FAULT = 2, K_IDS = 3, K_LOCALS = 4, K_SPIN = 5, NK = 6;
  logic [7:0] kimg [0:NK-1][0:IRAM_BYTES-1];
  integer     ksize [0:NK-1];
  logic [7:0] fbuf [0:IRAM_BYTES-1];

  task automatic read_kernels;
    string dir, names[NK], path;
    integer k, fd, n, i;
    names = '{"vadd", "filter2d", "fault", "ids", "locals", "spin"};
    if (!$value$plusargs("kernels=%s", dir)) dir = "build/kernels";
    for (k = 0; k < NK; k = k + 1) begin
      path = {dir, "/", names[k], ".bin"};
      fd = $fopen(path, "rb");
      if (fd == 0) begin
        $display("FAIL shader_core: cannot open %s (build the kernels first: make kernels)", path);
        $finish;
      end
      for (i = 0; i < IRAM_BYTES; i = i + 1) fbuf[i] = 8'h00;
      n = $fread(fbuf, fd);
      $fclose(fd);
      if (n <= 0 || n > IRAM_BYTES) begin
        $display("FAIL shader_core: %s: %0d bytes (expected 1 .. %0d)", path, n, IRAM_BYTES);
        $finish;
      end
      ksize[k] = n;
      for (i = 0; i < IRAM_BYTES; i = i + 1) kimg[k][i] = fbuf[i];
    end
  endtask

  function automatic integer find_word(input integer k, input [31:0] w);
    integer i;
    find_word = -1;
    for (i = ksize[k] - 4; i >= 0; i = i - 4)
      if ({kimg[k][i+3], kimg[k][i+2], kimg[k][i+1], kimg[k][i]} == w) find_word = i;
  endfunction

  // Puts kernel k at address a in VRAM and fills the instruction RAM with the window
  // [a, a + len) as compute_iram_loader does; the rest of the RAM keeps old words.
  task automatic load_kernel(input integer k, input [31:0] a, input [31:0] len);
    integer i;
    reg [31:0] w, first, last, stop;
    for (i = 0; i < ksize[k]; i = i + 1) wr8(a + i, kimg[k][i]);
    for (i = ksize[k]; i < IRAM_BYTES && a + i < VRAM_BYTES; i = i + 1) wr8(a + i, $urandom);
    stop = a + len; first = a >> 3; last = (stop - 1) >> 3;
    for (w = first; w <= last; w = w + 1) begin
      @(negedge clk);
      fill_we = 1'b1; fill_row = w[8:0]; fill_data = mem[w];
      fill_half = {w != last || !stop[2], w != first || !a[2]};
    end
    @(negedge clk);
    fill_we = 1'b0; fill_data = {$urandom, $urandom};
    kernel = a; iram_len = len;
  endtask

  // ------------------------------------------------------------------ running
  integer wg_delay_max = 0;
  integer cycles;
  reg     faulted;

  // Runs a grid: the core starts, the bench grants workgroups in order when asked; ends
  // when the core asks with none left, or on a fault, or after max_cycles.
  task automatic run_grid(input [31:0] gx, input [31:0] gy, input [31:0] gz, input [31:0] wg,
                          input [31:0] a, input integer max_cycles);
    reg [31:0] x, y, z;
    reg        left;
    integer    wait_n;
    grid_x = gx; grid_y = gy; grid_z = gz; wg_size = wg; args = a;
    x = 0; y = 0; z = 0; left = 1; cycles = 0; faulted = 0; wait_n = -1;
    @(negedge clk); clear = 1'b1;
    @(negedge clk); clear = 1'b0; run = 1'b1;
    while (cycles < max_cycles) begin
      @(posedge clk); #1;
      cycles = cycles + 1;
      if (fault) begin faulted = 1; break; end
      if (wg_req && !left) break;
      @(negedge clk);
      wg_gnt = 1'b0;
      if (wg_req && left) begin
        if (wait_n < 0) wait_n = $urandom % (wg_delay_max + 1);
        if (wait_n == 0) begin
          wg_gnt = 1'b1; wg_x = x; wg_y = y; wg_z = z; wg_base_x = x * wg; wait_n = -1;
          if (x + 1 < gx) x = x + 1;
          else begin
            x = 0;
            if (y + 1 < gy) y = y + 1;
            else begin y = 0; if (z + 1 < gz) z = z + 1; else left = 0; end
          end
        end else begin
          wait_n = wait_n - 1;
        end
      end
    end
    @(negedge clk);
    wg_gnt = 1'b0;
    if (cycles >= max_cycles) fail($sformatf("not done within %0d cycles", max_cycles));
    // Stop the core: its requests must go at once.
    run = 1'b0;
    @(posedge clk); #1;
    if (fault) fail("fault_o still high with run_i low");
  endtask

  task automatic expect_no_fault;
    if (faulted) fail($sformatf("unexpected fault: %s %08x", fault_bad ? "bad access" : "trap",
                                fault_info));
  endtask

  localparam [31:0] ARGS = 32'h1000;

  function automatic [31:0] kaddr;
    kaddr = ($urandom % 2048) & ~32'd7;
    if ($urandom % 2) kaddr = kaddr + 4;
  endfunction

  // ------------------------------------------------------------------ tests
  task automatic test_trampoline;
    reg [31:0] want [0:94];
    integer i;
    // riscv64-unknown-elf-as (-march=rv32i_zicsr) on the listing in shader_trampoline.v
    want = '{32'hfffff2b7, 32'h04828293, 32'h30529073, 32'h80000293, 32'h30429073, 32'hfcc02283,
             32'h0c029663, 32'h08800293, 32'h3002a073, 32'hffc02283, 32'hff802503, 32'hff402583,
             32'hff002603, 32'hfec02683, 32'hfe802703, 32'hfffff137, 32'h000280e7, 32'hfe1ff06f,
             32'h80102223, 32'h80202423, 32'h80302623, 32'h80402823, 32'h80502a23, 32'h80602c23,
             32'h80702e23, 32'h82802023, 32'h82902223, 32'h82a02423, 32'h82b02623, 32'h82c02823,
             32'h82d02a23, 32'h82e02c23, 32'h82f02e23, 32'h85002023, 32'h85102223, 32'h85202423,
             32'h85302623, 32'h85402823, 32'h85502a23, 32'h85602c23, 32'h85702e23, 32'h87802023,
             32'h87902223, 32'h87a02423, 32'h87b02623, 32'h87c02823, 32'h87d02a23, 32'h87e02c23,
             32'h87f02e23, 32'h341022f3, 32'h80502023, 32'h300022f3, 32'h88502023, 32'h340022f3,
             32'h88502223, 32'h8e002e23, 32'h0000006f, 32'h80002283, 32'h34129073, 32'h88002283,
             32'h30029073, 32'h88402283, 32'h34029073, 32'h80402083, 32'h80802103, 32'h80c02183,
             32'h81002203, 32'h81402283, 32'h81802303, 32'h81c02383, 32'h82002403, 32'h82402483,
             32'h82802503, 32'h82c02583, 32'h83002603, 32'h83402683, 32'h83802703, 32'h83c02783,
             32'h84002803, 32'h84402883, 32'h84802903, 32'h84c02983, 32'h85002a03, 32'h85402a83,
             32'h85802b03, 32'h85c02b83, 32'h86002c03, 32'h86402c83, 32'h86802d03, 32'h86c02d83,
             32'h87002e03, 32'h87402e83, 32'h87802f03, 32'h87c02f83, 32'h30200073};
    test = "trampoline words";
    for (i = 0; i < 128; i = i + 1) begin
      tramp_index = i[6:0]; #1;
      check($sformatf("valid of word %0d", i), {31'd0, tramp_valid}, i < 95);
      if (i < 95) check($sformatf("word %0d", i), tramp_word, want[i]);
    end
  endtask

  task automatic test_vadd(input integer n, input [31:0] wg);
    integer i;
    reg [31:0] k, a, bb, c;
    k = kaddr(); a = 32'h2000; bb = 32'h4000; c = 32'h6000;
    load_kernel(K_VADD, k, IRAM_BYTES - 4 * ($urandom % 4));
    fill_random(a, 4 * n); fill_random(bb, 4 * n); fill_random(c, 4 * n + 64);
    wr32(ARGS, a); wr32(ARGS + 4, bb); wr32(ARGS + 8, c); wr32(ARGS + 12, n);
    run_grid((n + wg - 1) / wg, 1, 1, wg, ARGS, 200000);
    expect_no_fault;
    for (i = 0; i < n; i = i + 1)
      if (rd32(c + 4 * i) !== rd32(a + 4 * i) + rd32(bb + 4 * i)) begin
        fail($sformatf("vadd c[%0d] = %08x, expected %08x", i, rd32(c + 4 * i),
                       rd32(a + 4 * i) + rd32(bb + 4 * i)));
        break;
      end
  endtask

  function automatic integer clampi(input integer v, input integer limit);
    clampi = v < 0 ? 0 : v >= limit ? limit - 1 : v;
  endfunction

  task automatic test_filter(input integer w, input integer h, input integer stride,
                             input [31:0] wg);
    integer x, y, dx, dy, bad;
    reg [31:0] k, src, dst, sum;
    reg [7:0]  want;
    integer    wt [0:2];
    wt = '{1, 2, 1};
    k = kaddr(); src = 32'h2000; dst = 32'h6000;
    load_kernel(K_FILTER, k, IRAM_BYTES);
    fill_random(src, stride * h); fill_random(dst, stride * h);
    wr32(ARGS, src); wr32(ARGS + 4, dst); wr32(ARGS + 8, w); wr32(ARGS + 12, h);
    wr32(ARGS + 16, stride);
    for (x = w; x < stride; x = x + 1) wr8(dst + x, 8'h5A);   // padding of row 0
    run_grid((w + wg - 1) / wg, h, 1, wg, ARGS, 400000);
    expect_no_fault;
    bad = 0;
    for (y = 0; y < h && !bad; y = y + 1)
      for (x = 0; x < w && !bad; x = x + 1) begin
        sum = 8;
        for (dy = -1; dy <= 1; dy = dy + 1)
          for (dx = -1; dx <= 1; dx = dx + 1)
            sum = sum + wt[dy + 1] * wt[dx + 1] *
                        rd8(src + clampi(y + dy, h) * stride + clampi(x + dx, w));
        want = sum[11:4];
        if (rd8(dst + y * stride + x) !== want) begin
          fail($sformatf("filter2d (%0d, %0d) = %02x, expected %02x", x, y,
                         rd8(dst + y * stride + x), want));
          bad = 1;
        end
      end
    for (x = w; x < stride; x = x + 1) check("filter2d: padding untouched", rd8(dst + x), 8'h5A);
  endtask

  task automatic test_ids(input [31:0] gx, input [31:0] gy, input [31:0] gz, input [31:0] wg);
    integer x, y, z, l, g;
    reg [31:0] k, out, cnt, o;
    k = kaddr(); out = 32'h2000; cnt = 32'hF000;
    load_kernel(K_IDS, k, IRAM_BYTES);
    fill_random(out, 64 * gx * gy * gz * wg); fill_random(cnt, 4 * gx * gy * gz);
    wr32(ARGS, out); wr32(ARGS + 4, cnt);
    run_grid(gx, gy, gz, wg, ARGS, 200000);
    expect_no_fault;
    for (z = 0; z < gz; z = z + 1)
      for (y = 0; y < gy; y = y + 1)
        for (x = 0; x < gx; x = x + 1) begin
          g = x + gx * (y + gy * z);
          check("ids: work items counted", rd32(cnt + 4 * g), wg);
          for (l = 0; l < wg; l = l + 1) begin
            o = out + 64 * (g * wg + l);
            check("ids: global x", rd32(o), x * wg + l);
            check("ids: y", rd32(o + 4), y);
            check("ids: z", rd32(o + 8), z);
            check("ids: local id", rd32(o + 12), l);
            check("ids: wg x", rd32(o + 16), x);
            check("ids: wg size", rd32(o + 20), wg);
            check("ids: grid x", rd32(o + 24), gx);
            check("ids: grid y", rd32(o + 28), gy);
            check("ids: grid z", rd32(o + 32), gz);
            check("ids: seq", rd32(o + 36), l);
            check("ids: core id", rd32(o + 40), CORE_ID);
            check("ids: ARGS register", rd32(o + 44), ARGS);
            check("ids: args pointer", rd32(o + 48), ARGS);
            check("ids: sp at entry", rd32(o + 52), STACK_TOP);
          end
        end
  endtask

  task automatic test_locals(input integer n, input [31:0] wg);
    integer x, i;
    reg [31:0] k, out, want;
    reg [31:0] buffer [0:31];
    reg [31:0] table_ [0:15];
    table_ = '{2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53};
    k = kaddr(); out = 32'h2000;
    load_kernel(K_LOCALS, k, IRAM_BYTES);
    fill_random(out, 4 * n + 4);
    wr32(ARGS, out); wr32(ARGS + 4, n);
    run_grid((n + wg - 1) / wg, 1, 1, wg, ARGS, 400000);
    expect_no_fault;
    for (x = 0; x < n; x = x + 1) begin
      for (i = 0; i < 32; i = i + 1) buffer[i] = table_[(x + i) & 15] * (i + 1) + x / (i + 1);
      want = buffer[x & 31] * 3 + buffer[(x * 7) & 31] + (buffer[(x >> 2) & 31] ^ x);
      if (rd32(out + 4 * x) !== want) begin
        fail($sformatf("locals out[%0d] = %08x, expected %08x", x, rd32(out + 4 * x), want));
        break;
      end
    end
  endtask

  // The fault kernel over 40 work items; x == when faults as mode says.
  integer ret_off;
  task automatic test_fault(input string name, input [31:0] mode, input [31:0] addr_in,
                            input bit bad, input [31:0] info_in, input bit info_in_kernel,
                            input [31:0] len);
    reg [31:0] addr, info;
    reg [31:0] k, out, when;
    addr = addr_in; info = info_in;
    k = kaddr(); out = 32'h2000; when = $urandom % 40;
    test = {"fault/", name};
    if (mode == 6 && addr == 0) begin addr = k + IRAM_BYTES + ret_off; info = addr; end
    load_kernel(K_FAULT, k, len);
    fill_random(out, 4 * 40);
    wr32(ARGS, mode); wr32(ARGS + 4, when); wr32(ARGS + 8, addr); wr32(ARGS + 12, out);
    run_grid(5, 1, 1, 8, ARGS, 100000);
    if (!faulted) fail("no fault");
    else begin
      check("fault kind (1 = bad access)", {31'd0, fault_bad}, bad);
      if (info_in_kernel) begin
        if (fault_info < k || fault_info >= k + ksize[K_FAULT])
          check("fault info (a PC in the kernel)", fault_info, k);
      end else if (info == 32'hFFFF_FFFF) begin
        check("fault info", fault_info, k + find_word(K_FAULT, 32'hFFFF_FFFF));
      end else begin
        check("fault info", fault_info, info);
      end
    end
    check("the faulting work item ran up to its fault", rd32(out + 4 * when), when + 1);
  endtask

  // A window shorter than the image: the first instruction past it traps with its PC
  // (the RAM still holds the whole image from a full load before).
  task automatic test_short_window;
    reg [31:0] k;
    test = "short kernel window";
    k = kaddr();
    load_kernel(K_VADD, k, IRAM_BYTES);
    load_kernel(K_VADD, k, 16);
    wr32(ARGS, 32'h2000); wr32(ARGS + 4, 32'h4000); wr32(ARGS + 8, 32'h6000); wr32(ARGS + 12, 8);
    run_grid(1, 1, 1, 8, ARGS, 10000);
    if (!faulted) fail("no fault");
    else begin
      check("fault kind", {31'd0, fault_bad}, 0);
      check("fault info", fault_info, k + 16);
    end
  endtask

  // run_i low in the middle of work: requests gone in that very cycle (checked by the
  // VRAM model); the core then starts afresh.
  task automatic test_stop_midway;
    integer t;
    reg [31:0] k;
    test = "run_i low midway";
    k = kaddr();
    load_kernel(K_VADD, k, IRAM_BYTES);
    wr32(ARGS, 32'h2000); wr32(ARGS + 4, 32'h4000); wr32(ARGS + 8, 32'h6000); wr32(ARGS + 12, 64);
    grid_x = 8; wg_size = 8; args = ARGS;
    stall_r = 50; stall_w = 50;
    @(negedge clk); run = 1'b1;
    for (t = 0; t < 100 + $urandom % 300; t = t + 1) begin
      @(negedge clk);
      wg_gnt = wg_req && !wg_gnt; wg_x = 0; wg_base_x = 0;
    end
    wg_gnt = 1'b0; run = 1'b0;
    repeat (5) @(negedge clk);
    test = "after run_i low midway";
    test_vadd(64, 8);
  endtask

  // ------------------------------------------------------------------ preemption
  // The state port: read a row (it answers the next cycle), write a row.
  task automatic st_read(input [1:0] region, input integer row, output [63:0] data);
    @(negedge clk); st_region = region; st_row = row[8:0]; st_we = 1'b0;
    @(negedge clk); data = st_rdata;
  endtask
  task automatic st_write(input [1:0] region, input integer row, input [63:0] data);
    @(negedge clk); st_region = region; st_row = row[8:0]; st_we = 1'b1; st_wdata = data;
    @(negedge clk); st_we = 1'b0;
  endtask

  // The spin kernel (kernels/tests/spin.c) on one core: a workgroup at a time from the
  // bench, the core interrupted at a random time while it waits with a deep stack, its
  // state read out through the state port, the core then used for something else (vadd,
  // and its RAMs overwritten), the state written back, RESUME set, the flag set: the
  // work items must end with the results of a run never stopped, each exactly once.
  localparam [31:0] SPIN_OUT = 32'h9000, SPIN_INC = 32'hA000, SPIN_FLAG = 32'hB000;   // past vadd's buffers
  function automatic [31:0] spin_buf(input [31:0] x, input integer d, input integer i);
    spin_buf = x * (2 * i + 1) + d * 32'h9E37_79B9 + i;
  endfunction
  function automatic [31:0] spin_f(input [31:0] x, input integer d);
    reg [31:0] xs [0:15];
    reg [31:0] r;
    integer    l;
    xs[d] = x;
    for (l = d; l > 0; l = l - 1) xs[l - 1] = spin_buf(xs[l], l, (xs[l] + l) & 7);
    r = spin_buf(xs[0], 0, xs[0] & 7) ^ spin_buf(xs[0], 0, 7);
    r = r ^ (r >> 7);
    for (l = 1; l <= d; l = l + 1) begin
      r = r + spin_buf(xs[l], l, (xs[l] ^ l) & 7) * 3;
      r = r ^ (r >> 7);
    end
    spin_f = r;
  endfunction

  task automatic test_core_preempt(input integer depth, input integer wait_cycles);
    reg [31:0] k;
    reg [63:0] win [0:31];
    reg [63:0] wi [0:3];
    reg [63:0] stk [0:STACK_BYTES/8-1];
    reg [63:0] d;
    integer    t, r, n, xi;
    test = $sformatf("core preemption, depth %0d, after %0d cycles", depth, wait_cycles);
    k = kaddr(); n = 3;
    load_kernel(K_SPIN, k, IRAM_BYTES);
    fill_random(SPIN_OUT, 4 * n);
    for (xi = 0; xi < n; xi = xi + 1) wr32(SPIN_INC + 4 * xi, 0);
    wr32(SPIN_FLAG, 0);
    wr32(ARGS, SPIN_OUT); wr32(ARGS + 4, SPIN_INC); wr32(ARGS + 8, SPIN_FLAG); wr32(ARGS + 12, n);
    wr32(ARGS + 16, depth);
    grid_x = 1; grid_y = 1; grid_z = 1; wg_size = n; args = ARGS;
    @(negedge clk); clear = 1'b1;
    @(negedge clk); clear = 1'b0; run = 1'b1;
    // One workgroup of n work items; the first spins for ever.
    for (t = 0; t < 100 && !wg_req; t = t + 1) @(negedge clk);
    wg_gnt = 1'b1; wg_x = 0; wg_y = 0; wg_z = 0; wg_base_x = 0;
    @(negedge clk); wg_gnt = 1'b0;
    repeat (wait_cycles) @(negedge clk);
    preempt = 1'b1;
    for (t = 0; t < 200 && !saved; t = t + 1) @(negedge clk);
    if (!saved) begin fail("the core did not save"); return; end
    check("save: cycles from the interrupt to parked (at most 100)", t > 100, 0);
    repeat (5) @(negedge clk);   // parked: nothing changes
    run = 1'b0; preempt = 1'b0;
    for (r = 0; r < 32; r = r + 1) st_read(0, r, win[r]);
    for (r = 0; r < 4; r = r + 1) st_read(1, r, wi[r]);
    for (r = 0; r < STACK_BYTES / 8; r = r + 1) st_read(2, r, stk[r]);
    check("saved x2 = sp_o", win[1][31:0], sp);
    if (win[0][31:0] < k || win[0][31:0] >= k + ksize[K_SPIN])
      check("saved PC in the kernel", win[0][31:0], k);
    check("saved sp in the stack", sp >= STACK_TOP - STACK_BYTES && sp < STACK_TOP, 1);
    check("work items left (of 3, the first running)", wi[0][31:0], n - 1);
    check("local id", wi[0][63:32], 0);
    check("resume flag read back 0", wi[3][31:0], 0);
    // Something else on the core, then its RAMs overwritten.
    test_vadd(40, 8);
    for (r = 0; r < 32; r = r + 1) st_write(0, r, {$urandom, $urandom});
    for (r = 0; r < STACK_BYTES / 8; r = r + 1) st_write(2, r, {$urandom, $urandom});
    // Back: the image, its arguments (vadd's took their place), the dispatch, the state,
    // RESUME.
    load_kernel(K_SPIN, k, IRAM_BYTES);
    wr32(ARGS, SPIN_OUT); wr32(ARGS + 4, SPIN_INC); wr32(ARGS + 8, SPIN_FLAG); wr32(ARGS + 12, n);
    wr32(ARGS + 16, depth);
    grid_x = 1; grid_y = 1; grid_z = 1; wg_size = n; args = ARGS;
    for (r = 0; r < 32; r = r + 1) st_write(0, r, win[r]);
    for (r = 0; r < 3; r = r + 1) st_write(1, r, wi[r]);
    st_write(1, 3, 64'd1);
    for (r = 0; r < STACK_BYTES / 8; r = r + 1) st_write(2, r, stk[r]);
    st_read(1, 3, d);
    check("resume flag written", d[31:0], 1);
    check("sp_o from the restored window", sp, win[1][31:0]);
    @(negedge clk); run = 1'b1;
    repeat (200) @(negedge clk);
    check("still spinning: the work item was not restarted", rd32(SPIN_INC), 0);
    wr32(SPIN_FLAG, 1);
    for (t = 0; t < 20000 && !wg_req; t = t + 1) @(negedge clk);
    if (!wg_req) fail("the workgroup did not end");
    if (fault) fail($sformatf("a fault after the resume: %s %08x (saved PC %08x, kernel %08x)",
                              fault_bad ? "bad access" : "trap", fault_info, win[0][31:0], k));
    run = 1'b0;
    for (xi = 0; xi < n; xi = xi + 1) begin
      check($sformatf("spin out[%0d]", xi), rd32(SPIN_OUT + 4 * xi), spin_f(xi, depth));
      check($sformatf("spin work item %0d runs", xi), rd32(SPIN_INC + 4 * xi), 1);
    end
  endtask

  // ------------------------------------------------------------------ the list
  localparam [31:0] VRAM_END = VRAM_BYTES;
  reg  [6:0]  tramp_index = 0;
  wire [31:0] tramp_word;
  wire        tramp_valid;
  shader_trampoline u_tramp (.index_i(tramp_index), .word_o(tramp_word), .valid_o(tramp_valid));

  integer seed = 1, i, vadd_cycles;
  initial begin
    if ($value$plusargs("seed=%d", seed)) ;
    $display("shader_core_tb: seed %0d", seed);
    void'($urandom(seed));
    read_kernels;
    repeat (3) @(negedge clk);

    test_trampoline;
    test = "vadd 512 / 64";
    test_vadd(512, 64);
    vadd_cycles = cycles;
    for (i = 0; i < 4; i = i + 1) begin
      stall_r = i == 0 ? 0 : $urandom % 70; stall_w = i == 0 ? 0 : $urandom % 70;
      wg_delay_max = $urandom % 4;
      test = $sformatf("vadd #%0d", i);     test_vadd(1 + $urandom % 300, 1 + $urandom % 20);
      test = $sformatf("filter2d #%0d", i);
      test_filter(1 + $urandom % 20, 1 + $urandom % 10, 24, 1 + $urandom % 8);
      test = $sformatf("ids #%0d", i);
      test_ids(1 + $urandom % 3, 1 + $urandom % 3, 1 + $urandom % 3, 1 + $urandom % 5);
      test = $sformatf("locals #%0d", i);   test_locals(1 + $urandom % 40, 1 + $urandom % 9);
    end
    stall_r = 30; stall_w = 30;
    test_fault("illegal", 0, 0, 0, 32'hFFFF_FFFF, 0, IRAM_BYTES);
    test_fault("ebreak", 1, 0, 0, 0, 1, IRAM_BYTES);
    test_fault("ecall", 2, 0, 0, 0, 1, IRAM_BYTES);
    test_fault("misaligned load", 3, 32'h3001, 0, 0, 1, IRAM_BYTES);
    test_fault("load past VRAM", 4, VRAM_END, 1, VRAM_END, 0, IRAM_BYTES);
    test_fault("load from the trampoline", 4, 32'hFFFF_F000, 1, 32'hFFFF_F000, 0, IRAM_BYTES);
    test_fault("store past VRAM", 5, VRAM_END + 32'h40, 1, VRAM_END + 32'h40, 0, IRAM_BYTES);
    test_fault("store below the stack", 5, STACK_TOP - STACK_BYTES - 4, 1,
               STACK_TOP - STACK_BYTES - 4, 0, IRAM_BYTES);
    test_fault("byte store", 9, 32'h7000_0002, 1, 32'h7000_0002, 0, IRAM_BYTES);
    test_fault("store to NEXT's neighbour", 7, 0, 1, 32'hFFFF_FFF8, 0, IRAM_BYTES);
    test_fault("jump to the trampoline's end", 6, 32'hFFFF_F17C, 0, 32'hFFFF_F17C, 0, IRAM_BYTES);
    // Outside the window, at an address whose RAM row holds the kernel's `ret`: without the
    // window check the call would just return.
    ret_off = find_word(K_FAULT, 32'h0000_8067);
    if (ret_off < 0) fail("fault.bin has no ret");
    test_fault("jump into VRAM outside the window", 6, 0, 0, 0, 0, IRAM_BYTES);
    test_fault("stack overflow", 8, 0, 1, STACK_TOP - STACK_BYTES - 8, 0, IRAM_BYTES);
    test_short_window;
    test_stop_midway;
    stall_r = 0; stall_w = 0;
    for (i = 0; i < 4; i = i + 1) test_core_preempt($urandom % 15, 300 + $urandom % 500);
    stall_r = 40; stall_w = 40;
    for (i = 0; i < 4; i = i + 1) test_core_preempt($urandom % 15, 300 + $urandom % 2000);

    $display("shader_core_tb: vadd of 512 elements (WG 64) took %0d cycles, %.1f per work item",
             vadd_cycles, 1.0 * vadd_cycles / 512);
    if (errors == 0) $display("PASS shader_core");
    $finish;
  end
endmodule

`default_nettype wire
