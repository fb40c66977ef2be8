/* start.S - reset entry: stack, .data, .bss, main(), exit register.
 * .data and .bss live in the SPRAM, undefined at power-up and left as the
 * last run left them by a button reset: .data is copied from its load image
 * in the ROM (fw/link.ld), .bss zeroed, on every reset. */
    .section .text.start, "ax"
    .globl _start
_start:
    la   sp, __stack_top
    /* .data: word copy from the ROM image (both ends 4-aligned by link.ld) */
    la   t0, __data_start
    la   t1, __data_end
    la   t2, __data_load
1:  bgeu t0, t1, 2f
    lw   t3, 0(t2)
    sw   t3, 0(t0)          /* data copy */
    addi t0, t0, 4
    addi t2, t2, 4
    j    1b
2:  la   t0, __bss_start
    la   t1, __bss_end
3:  bgeu t0, t1, 4f
    sw   zero, 0(t0)        /* bss zero */
    addi t0, t0, 4
    j    3b
4:  call main
    /* main's return value is the exit code */
    li   t0, 0x1000000C
    sw   a0, 0(t0)
5:  j    5b
