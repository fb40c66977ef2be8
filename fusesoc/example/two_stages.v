// two_stages - an example user design: a gain of -2 then a gain of -0.5 (net +1),
// each a gain_stage of the gainstage core (fusesoc/example/two_stages.core).
module two_stages (
  input  wire        clk,
  input  wire        rst,
  input  wire        s_valid,
  output wire        s_ready,
  input  wire [15:0] s_data,
  output wire        m_valid,
  input  wire        m_ready,
  output wire [15:0] m_data,
  output wire        m_ovf
);
  wire        mid_valid, mid_ready, mid_ovf;
  wire [15:0] mid_data;

  gain_stage u_first (
    .clk(clk), .rst(rst), .s_valid(s_valid), .s_ready(s_ready), .s_data(s_data),
    .s_gain(16'd8192), .m_valid(mid_valid), .m_ready(mid_ready), .m_data(mid_data),
    .m_ovf(mid_ovf));
  wire ovf_second;
  gain_stage u_second (
    .clk(clk), .rst(rst), .s_valid(mid_valid), .s_ready(mid_ready), .s_data(mid_data),
    .s_gain(16'd2048), .m_valid(m_valid), .m_ready(m_ready), .m_data(m_data),
    .m_ovf(ovf_second));
  // the first stage's overflow is lost in the pipeline here; a real design would carry it
  assign m_ovf = ovf_second;
  /* verilator lint_off UNUSEDSIGNAL */
  wire unused = mid_ovf;
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
