/*
 * gs_crc16.h - the checksum that ends every UART line of the firmware
 * (CRC-16/CCITT-FALSE: poly 0x1021, init 0xFFFF, no reflection, no final xor;
 * "123456789" gives 0x29B1). Freestanding: the firmware seals lines with it and
 * gscompare checks them with the same function. sim/soc/test_gscompare.sh
 * computes it separately, in Python, to plant faults.
 */
#ifndef GS_CRC16_H
#define GS_CRC16_H

#include <stddef.h>
#include <stdint.h>

static inline uint16_t gs_crc16(const char *s, size_t n)
{
    uint16_t crc = 0xffffu;
    for (size_t i = 0; i < n; i++) {
        crc ^= (uint16_t)((uint8_t)s[i] << 8);
        for (int b = 0; b < 8; b++)
            crc = (crc & 0x8000u) ? (uint16_t)((crc << 1) ^ 0x1021u) : (uint16_t)(crc << 1);
    }
    return crc;
}

#endif
