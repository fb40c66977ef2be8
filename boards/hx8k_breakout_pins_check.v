// hx8k_breakout_pins_check - tiny design that uses the pin names of
// boards/hx8k_breakout.pcf (UART echo, a counter on the LEDs), so that
// `make boards-check` proves the constraints place on the real package.
module hx8k_breakout_pins_check (
  input  wire       CLK,
  input  wire       RX,
  output wire       TX,
  output wire [7:0] LED
);
  reg [26:0] cnt_q = 27'd0;
  always @(posedge CLK) cnt_q <= cnt_q + 27'd1;
  assign TX  = RX;
  assign LED = cnt_q[26:19];
endmodule
