/*
 * soc.h - register map of the gainstage SoC (rtl/soc_top.v, rtl/gs_periph.v).
 */
#ifndef SOC_H
#define SOC_H

#include <stdint.h>

#define SOC_REG(addr) (*(volatile uint32_t *)(uintptr_t)(addr))

/* System registers */
#define SYS_BASE      0x10000000u
#define SYS_UART_DATA SOC_REG(SYS_BASE + 0x00) /* W: byte out (waits while busy) */
#define SYS_UART_STAT SOC_REG(SYS_BASE + 0x04) /* R: bit 0 busy */
#define SYS_EXIT      SOC_REG(SYS_BASE + 0x0C) /* W: exit code (ends a simulation) */
#define SYS_CLK_HZ    SOC_REG(SYS_BASE + 0x10) /* R: clock frequency */
#define SYS_UART_DIV  SOC_REG(SYS_BASE + 0x14) /* R: cycles per UART bit */

/* gain_stage peripheral */
#define GS_BASE       0x10000100u
#define GS_DIN        SOC_REG(GS_BASE + 0x00) /* W: push x */
#define GS_GAIN       SOC_REG(GS_BASE + 0x04) /* RW: gain code */
#define GS_DOUT       SOC_REG(GS_BASE + 0x08) /* R: pop y */
#define GS_LAST_OVF   SOC_REG(GS_BASE + 0x0C) /* R: ovf of the last popped y */
#define GS_STATUS     SOC_REG(GS_BASE + 0x10) /* R / W1C */
#define GS_OVF_CNT    SOC_REG(GS_BASE + 0x14) /* R: overflows; W clears */
#define GS_CFG0       SOC_REG(GS_BASE + 0x18) /* R: IN_W IN_F G_W G_F */
#define GS_CFG1       SOC_REG(GS_BASE + 0x1C) /* R: OUT_W OUT_F ROUND OVERFLOW */
#define GS_INFO       SOC_REG(GS_BASE + 0x20) /* R: 0x6753 << 16 | DEPTH */
#define GS_OVF_HIST   SOC_REG(GS_BASE + 0x24) /* R: ovf of the last 32 pops, bit 0 newest */

#define GS_ST_READY    (1u << 0)
#define GS_ST_LAST_OVF (1u << 1)
#define GS_ST_FULL     (1u << 2)
#define GS_ST_ERR_PUSH (1u << 3)
#define GS_ST_ERR_POP  (1u << 4)
#define GS_INFO_MAGIC  0x6753u

static inline uint32_t soc_rdcycle(void)
{
    uint32_t c;
    __asm__ volatile("rdcycle %0" : "=r"(c));
    return c;
}

#endif
