/* gs_str.h - the few string helpers the freestanding model needs (no libc). */
#ifndef GS_STR_H
#define GS_STR_H

#include <stdbool.h>

static inline bool gs_str_eq(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    while (*a && *a == *b) {
        a++;
        b++;
    }
    return *a == *b;
}

static inline bool gs_is_digit(char c) { return c >= '0' && c <= '9'; }

#endif
