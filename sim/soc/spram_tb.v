// spram_tb - soc_spram as synthesized (-DSYNTHESIS: two SB_SPRAM256KA, from
// yosys' own simulation model of the cell, cells_sim.v) against the
// behavioural model the SoC simulation uses (soc_spram_model.v): random word,
// halfword and byte writes and reads over addresses spread across all 14
// address bits; every read must give the same word from both. Proves the
// wrapper's hookup (which half, the nibble mask of each byte strobe, the
// power pins) and the model's read latency. Prints "spram_tb: PASS ..." or
// "spram_tb: FAIL ...". Run by make soc-test-mem (Icarus), also with
// +spram_fault=1, which must fail.
`timescale 1ns / 1ps
module spram_tb;
  reg         clk = 1'b0;
  reg  [13:0] addr;
  reg         wren;
  reg  [3:0]  wstrb;
  reg  [31:0] wdata;
  wire [31:0] rdata_hw, rdata_model;

  soc_spram       u_hw    (.clk(clk), .addr(addr), .wren(wren), .wstrb(wstrb), .wdata(wdata),
                           .rdata(rdata_hw));
  soc_spram_model u_model (.clk(clk), .addr(addr), .wren(wren), .wstrb(wstrb), .wdata(wdata),
                           .rdata(rdata_model));

  reg [13:0] addrs [0:31];
  integer seed = 7, i, k, reads = 0, errors = 0;

  task tick;
    begin
      #5 clk = 1'b1;
      #5 clk = 1'b0;
    end
  endtask

  initial begin
    // addresses: each of the 14 bits alone, its complement, and random ones
    for (k = 0; k < 14; k = k + 1) begin
      addrs[k]      = 14'd1 << k;
      addrs[k + 14] = ~(14'd1 << k);
    end
    for (k = 28; k < 32; k = k + 1) addrs[k] = $random(seed);
    // both memories power up undefined: write every address in full first
    wren = 1'b1;
    wstrb = 4'b1111;
    for (k = 0; k < 32; k = k + 1) begin
      addr = addrs[k];
      wdata = $random(seed);
      tick;
    end
    for (i = 0; i < 4000; i = i + 1) begin
      addr  = addrs[$unsigned($random(seed)) % 32];
      wren  = $random(seed);
      case ($unsigned($random(seed)) % 3)
        0:       wstrb = 4'b1111;
        1:       wstrb = $random(seed) & 1 ? 4'b1100 : 4'b0011;
        default: wstrb = 4'b0001 << ($unsigned($random(seed)) % 4);
      endcase
      wdata = $random(seed);
      tick;
      if (!wren) begin
        reads = reads + 1;
        if (rdata_hw !== rdata_model) begin
          errors = errors + 1;
          if (errors <= 5)
            $display("spram_tb: read of 0x%h: SB_SPRAM256KA pair 0x%h, model 0x%h",
                     addr, rdata_hw, rdata_model);
        end
      end
    end
    if (errors == 0 && reads > 1000)
      $display("spram_tb: PASS %0d reads equal", reads);
    else
      $display("spram_tb: FAIL %0d of %0d reads differ", errors, reads);
    $finish;
  end
endmodule
