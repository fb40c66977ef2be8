// uart_tx - 8N1 UART transmitter.
//
// CLK_DIV is the number of clock cycles per bit (12 MHz / 115200 -> 104, an
// error of 0.16 %). A byte is taken when in_valid && in_ready; in_ready is
// high only while the line is idle, so the bus side simply waits on it.
module uart_tx #(
  parameter integer CLK_DIV = 104
) (
  input  wire       clk,
  input  wire       rst,
  input  wire       in_valid,
  output wire       in_ready,
  input  wire [7:0] in_data,
  output wire       tx
);
  // CLK_DIV must be at least 2.
  localparam integer DIV_W = $clog2(CLK_DIV);
  localparam [DIV_W-1:0] DIV_LAST = CLK_DIV[DIV_W-1:0] - 1'b1;

  // shift_q holds {stop, data[7:0], start}; it shifts out LSB first.
  reg [9:0]       shift_q;
  reg [3:0]       bits_q;    // bits left to send; 0 = idle
  reg [DIV_W-1:0] div_q;
  reg             tx_q;

  assign in_ready = (bits_q == 4'd0);
  assign tx       = tx_q;

  always @(posedge clk) begin
    if (rst) begin
      shift_q <= 10'h3ff;
      bits_q  <= 4'd0;
      div_q   <= {DIV_W{1'b0}};
      tx_q    <= 1'b1;
    end else if (bits_q == 4'd0) begin
      tx_q <= 1'b1;
      if (in_valid) begin
        shift_q <= {1'b1, in_data, 1'b0};
        bits_q  <= 4'd10;
        div_q   <= {DIV_W{1'b0}};
      end
    end else begin
      tx_q <= shift_q[0];
      if (div_q == DIV_LAST) begin
        div_q   <= {DIV_W{1'b0}};
        shift_q <= {1'b1, shift_q[9:1]};
        bits_q  <= bits_q - 4'd1;
      end else begin
        div_q <= div_q + {{(DIV_W-1){1'b0}}, 1'b1};
      end
    end
  end
endmodule
