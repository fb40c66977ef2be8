#!/usr/bin/env bash
# mutate.sh RTL OUTDIR - plants known faults in copies of rtl/gain_stage.v, one
# directory per mutant (OUTDIR/<name>/gain_stage.v), for bench-sanity: the peers
# must reject every one. The faults are planted at the ports, by renaming the
# real module gain_stage_orig and wrapping it, so that they keep applying while
# the RTL's insides change; a rename that does not apply is an error. The
# documented LATENCY (the first 'localparam integer LATENCY' of the file) stays
# the original's, which is what the peers read.
set -euo pipefail
rtl=$1 out=$2

wrap() { # name body: the wrapper's statements between the instance and endmodule
  local d=$out/$1
  mkdir -p "$d"
  sed -e 's/^module gain_stage\b/module gain_stage_orig/' "$rtl" > "$d/gain_stage.v"
  if ! grep -q '^module gain_stage_orig' "$d/gain_stage.v"; then
    echo "mutate.sh: no 'module gain_stage' line in $rtl: update bench/mutate.sh" >&2
    exit 1
  fi
  cat >> "$d/gain_stage.v" <<VEOF

// Planted fault '$1' for bench-sanity (build artefact, not project RTL).
module gain_stage #(
  parameter integer IN_W = 16, parameter integer IN_F = 15,
  parameter integer G_W = 16, parameter integer G_F = 12,
  parameter integer OUT_W = 16, parameter integer OUT_F = 15,
  parameter integer ROUND = 7, parameter integer OVERFLOW = 0
) (
  input  wire clk, input wire rst,
  input  wire s_valid, output wire s_ready,
  input  wire [IN_W-1:0] s_data, input wire [G_W-1:0] s_gain,
  output wire m_valid, input wire m_ready,
  output wire [OUT_W-1:0] m_data, output wire m_ovf
);
  wire i_valid, i_ready, i_ovf;
  wire [OUT_W-1:0] i_data;
  gain_stage_orig #(.IN_W(IN_W), .IN_F(IN_F), .G_W(G_W), .G_F(G_F), .OUT_W(OUT_W),
    .OUT_F(OUT_F), .ROUND(ROUND), .OVERFLOW(OVERFLOW)) u_orig (
    .clk(clk), .rst(rst), .s_valid(s_valid), .s_ready(s_ready), .s_data(s_data),
    .s_gain(s_gain), .m_valid(i_valid), .m_ready(i_ready), .m_data(i_data), .m_ovf(i_ovf));
$2
endmodule
VEOF
}

pass='  assign i_ready = m_ready;'
# overflow flag stuck at 0
wrap ovf0 "$pass
  assign m_valid = i_valid; assign m_data = i_data; assign m_ovf = 1'b0;"
# one LSB wrong on about 1 result in 4096 (a rare rounding-tie bug)
wrap lsb "$pass
  assign m_valid = i_valid; assign m_ovf = i_ovf;
  assign m_data = i_data ^ {{(OUT_W-1){1'b0}}, (i_data[11:0] == 12'h800)};"
# one cycle more latency than documented (extra output register, m_ready high)
wrap late "$pass
  reg v_q = 1'b0; reg o_q = 1'b0; reg [OUT_W-1:0] d_q = {OUT_W{1'b0}};
  always @(posedge clk) begin v_q <= i_valid; d_q <= i_data; o_q <= i_ovf; end
  assign m_valid = v_q; assign m_data = d_q; assign m_ovf = o_q;"
# backpressure ignored: results are lost while m_ready is low
wrap nobp "  assign i_ready = 1'b1;
  assign m_valid = i_valid; assign m_data = i_data; assign m_ovf = i_ovf;"
echo "mutate.sh: 4 mutants (ovf0 lsb late nobp) under $out"
