/* sgpu-iss: a careful ELF32 loader: validates every field it uses, never reads past the file. */
/* SPDX-License-Identifier: Apache-2.0 */
#include "iss.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define ELF_MAX_FILE (64u * 1024u * 1024u) /* far above any program that fits RAM */
#define EHDR_SIZE 52u
#define PHDR_SIZE 32u
#define ET_EXEC 2u
#define EM_RISCV 243u
#define PT_LOAD 1u
#define PT_DYNAMIC 2u
#define PT_INTERP 3u
#define EF_RISCV_RVC 0x1u
#define EF_RISCV_FLOAT_ABI 0x6u
#define EF_RISCV_RVE 0x8u

static char errbuf[192];

static uint32_t rd16(const uint8_t *p) { return (uint32_t)p[0] | (uint32_t)p[1] << 8; }
static uint32_t rd32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int fail(const char **err, const char *msg)
{
    *err = msg;
    return -1;
}

struct seg {
    uint32_t type, offset, paddr, filesz, memsz;
};

static void read_phdr(const uint8_t *p, struct seg *g)
{
    g->type = rd32(p + 0);
    g->offset = rd32(p + 4);
    g->paddr = rd32(p + 12); /* load at the physical (link load) address */
    g->filesz = rd32(p + 16);
    g->memsz = rd32(p + 20);
}

int iss_load_elf(struct iss *s, const uint8_t *d, size_t n, uint32_t *entry, const char **err)
{
    static const uint8_t magic[4] = {0x7F, 'E', 'L', 'F'};
    if (n < 4 || memcmp(d, magic, 4) != 0)
        return fail(err, "not an ELF file (bad magic)");
    if (n < EHDR_SIZE)
        return fail(err, "truncated ELF header");
    if (d[4] != 1)
        return fail(err, "not a 32-bit ELF file (need ELFCLASS32 for RV32)");
    if (d[5] != 1)
        return fail(err, "not a little-endian ELF file");
    if (d[6] != 1 || rd32(d + 20) != 1)
        return fail(err, "unknown ELF version");
    if (rd16(d + 16) != ET_EXEC)
        return fail(err, "not an executable ELF file (need ET_EXEC, a linked program)");
    if (rd16(d + 18) != EM_RISCV)
        return fail(err, "not a RISC-V ELF file");
    uint32_t flags = rd32(d + 36);
    if (flags & EF_RISCV_RVC)
        return fail(err, "built for the C extension (compressed instructions); the core is RV32IM");
    if (flags & EF_RISCV_RVE)
        return fail(err, "built for RV32E; the core is RV32IM");
    if (flags & EF_RISCV_FLOAT_ABI)
        return fail(err, "built for a floating-point ABI; the core is RV32IM (use -mabi=ilp32)");
    if (rd16(d + 40) < EHDR_SIZE)
        return fail(err, "bad ELF header size");

    uint32_t e_entry = rd32(d + 24), phoff = rd32(d + 28);
    uint32_t phentsize = rd16(d + 42), phnum = rd16(d + 44);
    if (phnum == 0)
        return fail(err, "no program headers (nothing to load)");
    if (phnum == 0xFFFFu)
        return fail(err, "too many program headers (PN_XNUM is not supported)");
    if (phentsize != PHDR_SIZE)
        return fail(err, "bad program header entry size");
    if ((uint64_t)phoff + (uint64_t)phnum * PHDR_SIZE > n)
        return fail(err, "program headers lie past the end of the file");

    /* Validate every segment before touching RAM. */
    uint64_t ram_end = (uint64_t)ISS_RAM_BASE + s->ram_bytes;
    unsigned loads = 0;
    int entry_loaded = 0;
    for (uint32_t i = 0; i < phnum; i++) {
        struct seg g;
        read_phdr(d + phoff + (size_t)i * PHDR_SIZE, &g);
        if (g.type == PT_DYNAMIC || g.type == PT_INTERP)
            return fail(err, "dynamically linked; a bare-metal program is needed");
        if (g.type != PT_LOAD || g.memsz == 0)
            continue;
        if (g.filesz > g.memsz) {
            snprintf(errbuf, sizeof(errbuf), "segment %u: file size larger than memory size", i);
            return fail(err, errbuf);
        }
        if ((uint64_t)g.offset + g.filesz > n) {
            snprintf(errbuf, sizeof(errbuf), "segment %u: data lies past the end of the file", i);
            return fail(err, errbuf);
        }
        if (g.paddr < ISS_RAM_BASE || (uint64_t)g.paddr + g.memsz > ram_end) {
            snprintf(errbuf, sizeof(errbuf),
                     "segment %u (0x%08x, %u bytes) does not fit RAM (0x%08x, %u bytes)", i,
                     (unsigned)g.paddr, (unsigned)g.memsz, (unsigned)ISS_RAM_BASE,
                     (unsigned)s->ram_bytes);
            return fail(err, errbuf);
        }
        if (e_entry >= g.paddr && (uint64_t)e_entry + 4 <= (uint64_t)g.paddr + g.memsz)
            entry_loaded = 1;
        loads++;
    }
    if (loads == 0)
        return fail(err, "no loadable segment");
    if (e_entry & 3u) {
        snprintf(errbuf, sizeof(errbuf), "entry point 0x%08x is not 4-byte aligned",
                 (unsigned)e_entry);
        return fail(err, errbuf);
    }
    if (!entry_loaded) {
        snprintf(errbuf, sizeof(errbuf), "entry point 0x%08x is not in a loaded segment",
                 (unsigned)e_entry);
        return fail(err, errbuf);
    }

    for (uint32_t i = 0; i < phnum; i++) {
        struct seg g;
        read_phdr(d + phoff + (size_t)i * PHDR_SIZE, &g);
        if (g.type != PT_LOAD || g.memsz == 0)
            continue;
        uint8_t *dst = s->ram + (g.paddr - ISS_RAM_BASE);
        memcpy(dst, d + g.offset, g.filesz);
        memset(dst + g.filesz, 0, g.memsz - g.filesz); /* .bss */
    }
    *entry = e_entry;
    return 0;
}

int iss_load_elf_file(struct iss *s, const char *path, uint32_t *entry, const char **err)
{
    FILE *f = fopen(path, "rb");
    if (!f) {
        snprintf(errbuf, sizeof(errbuf), "cannot open: %s", strerror(errno));
        return fail(err, errbuf);
    }
    size_t cap = 0, n = 0;
    uint8_t *buf = NULL;
    int rc = 0;
    for (;;) {
        if (n == cap) {
            if (cap >= ELF_MAX_FILE) {
                rc = fail(err, "file too large for a program");
                break;
            }
            cap = cap ? cap * 2 : 65536;
            uint8_t *nb = realloc(buf, cap);
            if (!nb) {
                rc = fail(err, "out of memory");
                break;
            }
            buf = nb;
        }
        size_t got = fread(buf + n, 1, cap - n, f);
        n += got;
        if (got == 0) {
            if (ferror(f)) {
                snprintf(errbuf, sizeof(errbuf), "cannot read: %s", strerror(errno));
                rc = fail(err, errbuf);
            }
            break;
        }
    }
    fclose(f);
    if (rc == 0)
        rc = iss_load_elf(s, buf ? buf : (const uint8_t *)"", n, entry, err);
    free(buf);
    return rc;
}
