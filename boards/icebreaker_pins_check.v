// icebreaker_pins_check - tiny design that uses every plain-I/O pin name of
// boards/icebreaker.pcf (UART echo, buttons to LEDs, a heartbeat), so that
// `make boards-check` proves the constraints place on the real package.
module icebreaker_pins_check (
  input  wire CLK,
  input  wire RX,
  output wire TX,
  input  wire BTN_N,
  output wire LEDR_N,
  output wire LEDG_N,
  output wire LED1,
  output wire LED2,
  output wire LED3,
  output wire LED4,
  output wire LED5,
  input  wire BTN1,
  input  wire BTN2,
  input  wire BTN3
);
  reg [23:0] cnt_q = 24'd0;
  always @(posedge CLK) cnt_q <= cnt_q + 24'd1;
  assign TX     = RX;
  assign LEDR_N = BTN_N;
  assign LEDG_N = !cnt_q[23];
  assign LED1   = BTN1;
  assign LED2   = BTN2;
  assign LED3   = BTN3;
  assign LED4   = cnt_q[22];
  assign LED5   = cnt_q[21];
endmodule
