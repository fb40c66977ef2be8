rtl/gain_stage.v
rtl/gs_split_add.v
