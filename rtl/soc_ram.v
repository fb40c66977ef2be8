// soc_ram - the SoC's program and data memory: WORDS x 32 bits of block RAM
// with byte write enables; a registered read port and a write port with their
// own addresses (the iCE40 block RAM has both), so that the CPU can read with
// its look-ahead address while it writes with the current one.
//
// INIT_FILE is read with $readmemh (one 32-bit word per line), so on iCE40
// icebram can put new firmware into an existing bitstream without a new
// place and route.
module soc_ram #(
  parameter integer WORDS     = 2048,
  parameter         INIT_FILE = "fw.hex"
) (
  input  wire                     clk,
  input  wire [$clog2(WORDS)-1:0] raddr,
  input  wire [$clog2(WORDS)-1:0] waddr,
  input  wire [3:0]               wstrb,
  input  wire [31:0]              wdata,
  output reg  [31:0]              rdata
);
  reg [31:0] mem [0:WORDS-1];

`ifdef SOC_SIM_PLUSARGS
  // Simulation: +fw=FILE picks the firmware at run time, without a rebuild.
  reg [8*256-1:0] init_path;
  initial begin
    /* verilator lint_off WIDTH */
    if (!$value$plusargs("fw=%s", init_path)) init_path = INIT_FILE;
    /* verilator lint_on WIDTH */
    $readmemh(init_path, mem);
  end
`else
  initial $readmemh(INIT_FILE, mem);
`endif

  always @(posedge clk) begin
    if (wstrb[0]) mem[waddr][7:0]   <= wdata[7:0];
    if (wstrb[1]) mem[waddr][15:8]  <= wdata[15:8];
    if (wstrb[2]) mem[waddr][23:16] <= wdata[23:16];
    if (wstrb[3]) mem[waddr][31:24] <= wdata[31:24];
    rdata <= mem[raddr];
  end
endmodule
