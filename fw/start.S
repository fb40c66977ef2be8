/* start.S - reset entry: stack, .bss, main(), exit register. */
    .section .text.start, "ax"
    .globl _start
_start:
    la   sp, __stack_top
    la   t0, __bss_start
    la   t1, __bss_end
1:  bgeu t0, t1, 2f
    sw   zero, 0(t0)
    addi t0, t0, 4
    j    1b
2:  call main
    /* main's return value is the exit code */
    li   t0, 0x1000000C
    sw   a0, 0(t0)
3:  j    3b
