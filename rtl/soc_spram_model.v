// soc_spram_model - behavioural model of soc_spram's two SB_SPRAM256KA, for
// simulation only: 16K x 32 bits, byte write strobes, one port, the read
// word registered on the clock edge (one cycle of latency); during a write
// the output is undefined, as on the hardware.
//
// The contents start as pseudo-random words (xorshift32 from +spram_seed=N,
// default 1, the same in every simulator), not zeros, so a firmware that
// reads .bss before zeroing it, or that relies on .data it did not copy,
// goes wrong in simulation as it would on a board.
// +spram_fault=1 plants a fault (make soc-test-mem): the byte strobes are
// ignored, every write writes the whole word.
module soc_spram_model (
  input  wire        clk,
  input  wire [13:0] addr,
  input  wire        wren,
  input  wire [3:0]  wstrb,
  input  wire [31:0] wdata,
  output reg  [31:0] rdata
);
  reg [31:0] mem [0:16383];
  reg [3:0]  strobe_or;   // the fault: all byte lanes written
  reg [31:0] seed;
  reg [31:0] x;           // xorshift32 state: the power-up contents
  integer    i;

  initial begin
    seed      = 1;
    strobe_or = 4'b0000;
`ifdef SOC_SIM_PLUSARGS
    /* verilator lint_off WIDTH */
    if (!$value$plusargs("spram_seed=%d", seed)) seed = 1;
    if ($test$plusargs("spram_fault=1")) strobe_or = 4'b1111;
    /* verilator lint_on WIDTH */
`endif
    x = seed ^ 32'h9e37_79b9;
    for (i = 0; i < 16384; i = i + 1) begin
      x = x ^ (x << 13);
      x = x ^ (x >> 17);
      x = x ^ (x << 5);
      mem[i] = x;
    end
  end

  wire [3:0] we = wstrb | strobe_or;

  always @(posedge clk) begin
    if (wren) begin
      if (we[0]) mem[addr][7:0]   <= wdata[7:0];
      if (we[1]) mem[addr][15:8]  <= wdata[15:8];
      if (we[2]) mem[addr][23:16] <= wdata[23:16];
      if (we[3]) mem[addr][31:24] <= wdata[31:24];
      rdata <= 32'bx;
    end else begin
      rdata <= mem[addr];
    end
  end
endmodule
