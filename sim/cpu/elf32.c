/* ELF32 RISC-V program loading for the bare CPU runner: every offset and size is checked
 * against the file before it is used, so a truncated or garbage file gives an error. */
/* SPDX-License-Identifier: Apache-2.0 */
#define _POSIX_C_SOURCE 200809L
#include "elf32.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define EHDR_SIZE 52u
#define PHDR_SIZE 32u
#define SHDR_SIZE 40u
#define SYM_SIZE 16u
#define EM_RISCV 243u
#define ET_EXEC 2u
#define PT_LOAD 1u
#define SHT_SYMTAB 2u
#define SHT_STRTAB 3u
#define EF_RISCV_RVC 0x1u
/* Larger than any program that fits the RAM, with room for symbols and debug info. */
#define MAX_FILE_SIZE (256u << 20)

static int fail(char *err, size_t errlen, int code, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  if (err && errlen) vsnprintf(err, errlen, fmt, ap);
  va_end(ap);
  return code;
}

static uint16_t rd16(const uint8_t *p) { return (uint16_t)(p[0] | (p[1] << 8)); }
static uint32_t rd32(const uint8_t *p) {
  return (uint32_t)p[0] | ((uint32_t)p[1] << 8) | ((uint32_t)p[2] << 16) | ((uint32_t)p[3] << 24);
}

/* Is [off, off + len) inside a buffer of size bytes? (No overflow: 64-bit sums.) */
static int inside(uint64_t off, uint64_t len, uint64_t size) { return off <= size && len <= size - off; }

void elf32_free(struct elf32_program *prog) {
  if (!prog) return;
  free(prog->file);
  free(prog->segs);
  memset(prog, 0, sizeof *prog);
}

int elf32_parse(uint8_t *buf, size_t size, uint32_t ram_base, uint32_t ram_bytes,
                struct elf32_program *prog, char *err, size_t errlen) {
  memset(prog, 0, sizeof *prog);
  prog->file = buf;
  prog->size = size;
  const uint8_t *h = buf;
  uint64_t ram_end = (uint64_t)ram_base + ram_bytes;

  if (size < 4 || memcmp(h, "\x7f" "ELF", 4) != 0)
    return fail(err, errlen, ELF32_ERR_FORMAT, "not an ELF file (bad magic)");
  if (size < EHDR_SIZE)
    return fail(err, errlen, ELF32_ERR_FORMAT, "truncated ELF header (%zu bytes)", size);
  if (h[4] != 1)
    return fail(err, errlen, ELF32_ERR_FORMAT, "not a 32-bit ELF file (class %u)", h[4]);
  if (h[5] != 1)
    return fail(err, errlen, ELF32_ERR_FORMAT, "not a little-endian ELF file");
  if (h[6] != 1)
    return fail(err, errlen, ELF32_ERR_FORMAT, "unknown ELF version %u", h[6]);
  uint16_t type = rd16(h + 16), machine = rd16(h + 18);
  if (machine != EM_RISCV)
    return fail(err, errlen, ELF32_ERR_FORMAT, "not a RISC-V program (e_machine %u, expected %u)",
                machine, EM_RISCV);
  if (type != ET_EXEC)
    return fail(err, errlen, ELF32_ERR_FORMAT, "not an executable (e_type %u)", type);
  prog->entry = rd32(h + 24);
  uint32_t phoff = rd32(h + 28);
  prog->flags = rd32(h + 36);
  uint16_t phentsize = rd16(h + 42), phnum = rd16(h + 44);
  if (prog->flags & EF_RISCV_RVC)
    return fail(err, errlen, ELF32_ERR_FORMAT,
                "built for compressed instructions (RVC), which the core does not implement");
  if (phnum == 0)
    return fail(err, errlen, ELF32_ERR_FORMAT, "no program headers");
  if (phentsize != PHDR_SIZE)
    return fail(err, errlen, ELF32_ERR_FORMAT, "bad program header size %u", phentsize);
  if (!inside(phoff, (uint64_t)phnum * PHDR_SIZE, size))
    return fail(err, errlen, ELF32_ERR_FORMAT, "truncated: program headers end past the file");

  prog->segs = calloc(phnum, sizeof *prog->segs);
  if (!prog->segs) return fail(err, errlen, ELF32_ERR_NOMEM, "out of memory");
  for (unsigned i = 0; i < phnum; i++) {
    const uint8_t *ph = h + phoff + (size_t)i * PHDR_SIZE;
    if (rd32(ph) != PT_LOAD) continue;
    uint32_t offset = rd32(ph + 4), paddr = rd32(ph + 12);
    uint32_t filesz = rd32(ph + 16), memsz = rd32(ph + 20);
    if (memsz == 0) continue;
    if (filesz > memsz)
      return fail(err, errlen, ELF32_ERR_FORMAT, "segment %u: file size 0x%x exceeds memory size 0x%x",
                  i, filesz, memsz);
    if (!inside(offset, filesz, size))
      return fail(err, errlen, ELF32_ERR_FORMAT, "truncated: segment %u ends past the file", i);
    if (paddr < ram_base || (uint64_t)paddr + memsz > ram_end)
      return fail(err, errlen, ELF32_ERR_FIT,
                  "segment %u (0x%08x..0x%08llx) does not fit in RAM (0x%08x..0x%08llx)", i, paddr,
                  (unsigned long long)((uint64_t)paddr + memsz), ram_base, (unsigned long long)ram_end);
    struct elf32_segment *s = &prog->segs[prog->nsegs++];
    s->addr = paddr;
    s->filesz = filesz;
    s->memsz = memsz;
    s->data = h + offset;
  }
  if (prog->nsegs == 0)
    return fail(err, errlen, ELF32_ERR_FORMAT, "no loadable segments");
  if (prog->entry < ram_base || (uint64_t)prog->entry + 4 > ram_end)
    return fail(err, errlen, ELF32_ERR_FIT, "entry point 0x%08x is outside RAM (0x%08x..0x%08llx)",
                prog->entry, ram_base, (unsigned long long)ram_end);
  if (prog->entry & 3)
    return fail(err, errlen, ELF32_ERR_FORMAT, "entry point 0x%08x is not word-aligned", prog->entry);
  return 0;
}

int elf32_load_file(const char *path, uint32_t ram_base, uint32_t ram_bytes,
                    struct elf32_program *prog, char *err, size_t errlen) {
  memset(prog, 0, sizeof *prog);
  FILE *f = fopen(path, "rb");
  if (!f) return fail(err, errlen, ELF32_ERR_IO, "cannot open: %s", strerror(errno));
  struct stat st;
  if (fstat(fileno(f), &st) != 0 || !S_ISREG(st.st_mode)) {
    fclose(f);
    return fail(err, errlen, ELF32_ERR_IO, "not a regular file");
  }
  if ((uint64_t)st.st_size > MAX_FILE_SIZE) {
    fclose(f);
    return fail(err, errlen, ELF32_ERR_FORMAT, "file too large for a program (%lld bytes)",
                (long long)st.st_size);
  }
  size_t size = (size_t)st.st_size;
  uint8_t *buf = malloc(size ? size : 1);
  if (!buf) {
    fclose(f);
    return fail(err, errlen, ELF32_ERR_NOMEM, "out of memory");
  }
  size_t got = fread(buf, 1, size, f);
  int rerr = ferror(f);
  fclose(f);
  if (got != size || rerr) {
    free(buf);
    return fail(err, errlen, ELF32_ERR_IO, "read error");
  }
  return elf32_parse(buf, size, ram_base, ram_bytes, prog, err, errlen);
}

void elf32_fill_ram(const struct elf32_program *prog, uint32_t ram_base, uint8_t *ram,
                    uint32_t ram_bytes, uint32_t *lo, uint32_t *hi) {
  uint32_t l = ram_bytes, e = 0;
  for (unsigned i = 0; i < prog->nsegs; i++) {
    const struct elf32_segment *s = &prog->segs[i];
    uint32_t off = s->addr - ram_base; /* checked by elf32_parse */
    memcpy(ram + off, s->data, s->filesz);
    memset(ram + off + s->filesz, 0, s->memsz - s->filesz);
    if (off < l) l = off;
    if (off + s->memsz > e) e = off + s->memsz;
  }
  if (e <= l) l = e = 0;
  *lo = l & ~3u;
  *hi = (e + 3u) & ~3u;
  if (*hi > ram_bytes) *hi = ram_bytes & ~3u;
}

int elf32_symbol(const struct elf32_program *prog, const char *name, uint32_t *value,
                 char *err, size_t errlen) {
  const uint8_t *h = prog->file;
  size_t size = prog->size;
  uint32_t shoff = rd32(h + 32);
  uint16_t shentsize = rd16(h + 46), shnum = rd16(h + 48);
  if (shoff == 0 || shnum == 0)
    return fail(err, errlen, ELF32_ERR_SYMBOL, "no section headers, so no symbols (stripped?)");
  if (shentsize != SHDR_SIZE || !inside(shoff, (uint64_t)shnum * SHDR_SIZE, size))
    return fail(err, errlen, ELF32_ERR_FORMAT, "bad or truncated section headers");
  int found_table = 0;
  for (unsigned i = 0; i < shnum; i++) {
    const uint8_t *sh = h + shoff + (size_t)i * SHDR_SIZE;
    if (rd32(sh + 4) != SHT_SYMTAB) continue;
    found_table = 1;
    uint32_t off = rd32(sh + 16), sz = rd32(sh + 20), link = rd32(sh + 24);
    if (!inside(off, sz, size) || link >= shnum)
      return fail(err, errlen, ELF32_ERR_FORMAT, "bad or truncated symbol table");
    const uint8_t *strh = h + shoff + (size_t)link * SHDR_SIZE;
    uint32_t stroff = rd32(strh + 16), strsz = rd32(strh + 20);
    if (rd32(strh + 4) != SHT_STRTAB || !inside(stroff, strsz, size))
      return fail(err, errlen, ELF32_ERR_FORMAT, "bad or truncated symbol string table");
    const char *strtab = (const char *)h + stroff;
    size_t nlen = strlen(name);
    for (uint32_t k = 0; k + SYM_SIZE <= sz; k += SYM_SIZE) {
      const uint8_t *sym = h + off + k;
      uint32_t n = rd32(sym);
      if (n >= strsz || strsz - n <= nlen) continue; /* name + NUL must fit */
      if (memcmp(strtab + n, name, nlen) == 0 && strtab[n + nlen] == '\0') {
        *value = rd32(sym + 4);
        return 0;
      }
    }
  }
  if (!found_table)
    return fail(err, errlen, ELF32_ERR_SYMBOL, "no symbol table (stripped?)");
  return fail(err, errlen, ELF32_ERR_SYMBOL, "no symbol '%s'", name);
}
