// soc_spram - the SoC's data memory: 16K x 32 bits (64 KiB) of the UP5K's
// single-port RAM, two SB_SPRAM256KA (16K x 16 each) side by side, the low
// one holding bits 15:0. Byte writes: each byte strobe enables the two nibbles
// of its byte (MASKWREN is a nibble mask). One port: a clock edge either
// writes addr (wren) or reads it, the word appearing after that edge (one
// cycle of read latency, as the block RAM). The contents are undefined at
// power-up: the firmware's start-up code fills .data and zeroes .bss.
//
// Synthesis (yosys defines SYNTHESIS) instantiates the hard blocks;
// simulators get the behavioural model rtl/soc_spram_model.v instead
// (sim/soc/spram_tb.v checks the two against yosys' SB_SPRAM256KA model).
module soc_spram (
  input  wire        clk,
  input  wire [13:0] addr,
  input  wire        wren,
  input  wire [3:0]  wstrb,
  input  wire [31:0] wdata,
  output wire [31:0] rdata
);
`ifdef SYNTHESIS
  genvar h;
  generate
    for (h = 0; h < 2; h = h + 1) begin : g_half
      SB_SPRAM256KA u_spram (
        .ADDRESS   (addr),
        .DATAIN    (wdata[16*h +: 16]),
        .MASKWREN  ({wstrb[2*h+1], wstrb[2*h+1], wstrb[2*h], wstrb[2*h]}),
        .WREN      (wren),
        .CHIPSELECT(1'b1),
        .CLOCK     (clk),
        .STANDBY   (1'b0),
        .SLEEP     (1'b0),
        .POWEROFF  (1'b1),   // active low: powered
        .DATAOUT   (rdata[16*h +: 16])
      );
    end
  endgenerate
`else
  soc_spram_model u_model (
    .clk(clk), .addr(addr), .wren(wren), .wstrb(wstrb), .wdata(wdata), .rdata(rdata)
  );
`endif
endmodule
