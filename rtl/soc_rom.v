// soc_rom - the SoC's code memory: WORDS x 32 bits of block RAM, read-only,
// holding the firmware's code, read-only data and the load image of .data
// (fw/start.S copies it to the SPRAM at reset). A registered read port, so
// the CPU reads it with its look-ahead address at no wait state; no write
// port: the SoC decodes a store into this region as a bus error.
//
// INIT_FILE is read with $readmemh (one 32-bit word per line), so on iCE40
// icebram can put new firmware into an existing bitstream without a new
// place and route.
module soc_rom #(
  parameter integer WORDS     = 3072,
  parameter         INIT_FILE = "fw.hex"
) (
  input  wire                     clk,
  input  wire [$clog2(WORDS)-1:0] raddr,
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

  always @(posedge clk) rdata <= mem[raddr];
endmodule
