#!/usr/bin/perl
# mutate.pl - plants one named fault in a copy of rtl/gain_stage.v, for the
# planted-fault test (sim/faults.sh): perl sim/mutate.pl NAME < in.v > out.v
#   perl sim/mutate.pl --list   prints the names and what each fault is.
#
# The faults are written against the module's contract (its parameters, ports
# and LATENCY) rather than its internals wherever possible, so that they keep
# applying while the RTL evolves. Every edit must match: a pattern that no
# longer matches stops with "mutation NAME no longer applies" and exit 3, never
# a silently unmutated copy.
use strict;
use warnings;

my %faults = (
  tie_half_up     => 'half-even ties rounded up (ROUND 7 computed as 3)',
  round_before_neg=> 'floor computed as ceil (Q(g*x) negated instead of Q(-(g*x)))',
  sat_as_sat_sym  => 'sat clips low to -(2^(W-1)-1) (OVERFLOW 0 computed as 1)',
  wrong_rail      => 'the low rail code -2^(W-1) comes out as -2^(W-1)+1',
  ovf_off_by_one  => 'overflow threshold off by one: R = 2^(W-1)-1 flagged as overflow',
  drop_backpressure => 's_ready high while the pipeline is stalled: samples dropped',
  change_stalled  => 'm_data changes while m_valid && !m_ready',
  duplicate       => 'some results presented twice (m_valid one extra cycle)',
  wrong_latency   => 'LATENCY documented one more than the pipeline has',
  valid_in_reset  => 'm_valid high during reset',
  deadlock        => 'after the first backpressure, s_ready stuck low (deadlock)',
  x_min_code      => 'input code -2^(IN_W-1) taken as -2^(IN_W-1)+1',
  gain_max_code   => 'gain code 2^G_W-1 taken as 2^G_W-2',
  gain_stale      => 'each sample multiplied by the previous sample\'s gain',
);

if (@ARGV == 1 && $ARGV[0] eq '--list') {
  printf "%-18s %s\n", $_, $faults{$_} for sort keys %faults;
  exit 0;
}
die "usage: mutate.pl NAME < in.v > out.v (or --list)\n" unless @ARGV == 1;
my $name = $ARGV[0];
die "mutate.pl: unknown fault '$name' (see --list)\n" unless exists $faults{$name};

local $/;
my $v = <STDIN>;
my $orig = $v;

sub need {
  my ($ok, $what) = @_;
  return if $ok;
  print STDERR "mutate.pl: mutation $name no longer applies: $what not found\n";
  exit 3;
}

# Insert declarations right after the LATENCY localparam (before any logic).
sub after_latency {
  my ($text) = @_;
  need($v =~ s/(localparam\s+(?:integer\s+)?LATENCY\s*=\s*\d+\s*;[^\n]*\n)/$1$text\n/,
       'localparam LATENCY = N;');
}

# Make the body use NAME_EFF (a function of NAME) instead of parameter NAME.
sub remap_param {
  my ($p, $expr) = @_;
  my $n = ($v =~ s/\b$p\b/${p}_EFF/g);
  need($n >= 2, "parameter $p and a use of it");
  need($v =~ s/(parameter\s+(?:integer\s+)?)${p}_EFF\b/$1$p/, "parameter $p declaration");
  after_latency("  localparam integer ${p}_EFF = $expr;");
}

# Route the input port PORT (width W) through a wire PORT_f = f(PORT).
sub remap_input {
  my ($port, $w, $decl) = @_;
  my $n = ($v =~ s/\b$port\b/${port}_f/g);
  need($n >= 2, "port $port and a use of it");
  need($v =~ s/(input\s+(?:wire\s+)?\[\s*$w\s*-\s*1\s*:\s*0\s*\]\s*)${port}_f\b/$1$port/,
       "input [$w-1:0] $port");
  after_latency($decl);
}

# Rewrite "assign PORT = EXPR;" as "assign PORT = f(EXPR);"
sub wrap_assign {
  my ($port, $fn) = @_;
  need($v =~ s/assign\s+$port\s*=\s*([^;]+);/"assign $port = " . $fn->($1) . ";"/e,
       "assign $port = ...;");
}

my $minv = "{1'b1, {(OUT_W-1){1'b0}}}";
my $maxv = "{1'b0, {(OUT_W-1){1'b1}}}";

if ($name eq 'tie_half_up') {
  remap_param('ROUND', '(ROUND == 7) ? 3 : ROUND');
} elsif ($name eq 'round_before_neg') {
  remap_param('ROUND', '(ROUND == 0) ? 1 : ROUND');
} elsif ($name eq 'sat_as_sat_sym') {
  remap_param('OVERFLOW', '(OVERFLOW == 0) ? 1 : OVERFLOW');
} elsif ($name eq 'wrong_rail') {
  wrap_assign('m_data', sub { "(($_[0]) == $minv) ? $minv + 1'b1 : ($_[0])" });
} elsif ($name eq 'ovf_off_by_one') {
  wrap_assign('m_ovf', sub { "($_[0]) || (m_data == $maxv)" });
} elsif ($name eq 'drop_backpressure') {
  wrap_assign('s_ready', sub { "!rst" });
} elsif ($name eq 'change_stalled') {
  after_latency("  reg fault_q;\n" .
                "  always @(posedge clk) fault_q <= m_valid && !m_ready && !fault_q;");
  wrap_assign('m_data', sub { "($_[0]) ^ {{(OUT_W-1){1'b0}}, fault_q}" });
} elsif ($name eq 'duplicate') {
  after_latency("  reg dup_q;\n  wire valid_f;\n" .
                "  always @(posedge clk) dup_q <= !rst && valid_f && m_ready && " .
                "(m_data[1:0] == 2'b11) && !dup_q;");
  wrap_assign('m_valid', sub { "valid_f || dup_q;\n  assign valid_f = $_[0]" });
} elsif ($name eq 'wrong_latency') {
  need($v =~ s/(localparam\s+(?:integer\s+)?LATENCY\s*=\s*)(\d+)/$1 . ($2 + 1)/e,
       'localparam LATENCY = N');
} elsif ($name eq 'valid_in_reset') {
  wrap_assign('m_valid', sub { "($_[0]) || rst" });
} elsif ($name eq 'deadlock') {
  after_latency("  reg stuck_q;\n" .
                "  always @(posedge clk) stuck_q <= !rst && (stuck_q || (m_valid && !m_ready));");
  wrap_assign('s_ready', sub { "($_[0]) && !stuck_q" });
  # nothing enters any more either (the RTL may take s_valid without s_ready)
  my $n = ($v =~ s/\bs_valid\b/s_valid_f/g);
  need($n >= 2, 'port s_valid and a use of it');
  need($v =~ s/(input\s+(?:wire\s+)?)s_valid_f\b/$1s_valid/, 'input s_valid');
  need($v =~ s/(reg stuck_q;)/$1\n  wire s_valid_f = s_valid && !stuck_q;/, 'reg stuck_q');
} elsif ($name eq 'x_min_code') {
  remap_input('s_data', 'IN_W', "  wire [IN_W-1:0] s_data_f = " .
              "(s_data == {1'b1, {(IN_W-1){1'b0}}}) ? s_data + 1'b1 : s_data;");
} elsif ($name eq 'gain_max_code') {
  remap_input('s_gain', 'G_W', "  wire [G_W-1:0] s_gain_f = " .
              "(s_gain == {G_W{1'b1}}) ? s_gain - 1'b1 : s_gain;");
} elsif ($name eq 'gain_stale') {
  remap_input('s_gain', 'G_W', "  reg [G_W-1:0] gain_prev_q;\n" .
              "  always @(posedge clk) if (s_valid && s_ready) gain_prev_q <= s_gain;\n" .
              "  wire [G_W-1:0] s_gain_f = gain_prev_q;");
}

need($v ne $orig, 'any change');
print $v;
