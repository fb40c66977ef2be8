// icebreaker_top - the gainstage SoC on an iCEBreaker (iCE40UP5K-SG48).
//
// Runs straight from the 12 MHz oscillator (no PLL: 12 MHz keeps the UART
// divider exact enough, 104 cycles per bit at 115200 baud, and leaves a wide
// timing margin). The user button (BTN_N) resets the SoC, so the firmware
// run can be repeated while a host captures the UART. The red LED shows a
// failing run (exit code != 0 or a trap), the green LED a passing one.
// Memory: the firmware's code in ROM_WORDS of block RAM, its data and stack
// in the UP5K's SPRAM (see soc_top.v). A button reset re-runs fw/start.S,
// which copies .data afresh from the block RAM.
module icebreaker_top #(
  parameter         FW_HEX    = "fw.hex",
  parameter integer ROM_WORDS = 3072,   // 12 KiB of code: 24 of the 30 EBRs
  parameter integer CPU_MUL   = 2
) (
  input  wire CLK,
  input  wire BTN_N,
  input  wire RX,
  output wire TX,
  output wire LEDR_N,
  output wire LEDG_N
);
  // Power-on reset: iCE40 flip-flops start at 0 after configuration.
  reg [3:0] por_q = 4'd0;
  reg [1:0] btn_q = 2'b00;   // two-flop synchronizer, active high
  wire      rst = !por_q[3] || btn_q[1];

  always @(posedge CLK) begin
    btn_q <= {btn_q[0], !BTN_N};
    if (!por_q[3]) por_q <= por_q + 4'd1;
  end

  wire        exit_valid;
  wire [31:0] exit_code;
  wire        trap;
  wire        bus_err;

  soc_top #(
    .ROM_WORDS(ROM_WORDS), .FW_HEX(FW_HEX), .CLK_HZ(12000000), .UART_DIV(104), .CPU_MUL(CPU_MUL)
  ) u_soc (
    .clk(CLK), .rst(rst), .uart_tx(TX),
    .exit_valid(exit_valid), .exit_code(exit_code), .trap(trap), .bus_err(bus_err)
  );

  wire fail = trap || bus_err || (exit_valid && exit_code != 32'd0);
  wire pass = exit_valid && exit_code == 32'd0 && !fail;
  assign LEDR_N = !fail;
  assign LEDG_N = !pass;

  wire unused_rx = RX;
endmodule
