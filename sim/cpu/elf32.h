/* ELF32 RISC-V program loading for the bare CPU runner: validation, segments, symbols. */
/* SPDX-License-Identifier: Apache-2.0 */
#ifndef SGPU_SIM_ELF32_H
#define SGPU_SIM_ELF32_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Error codes (negative returns). */
#define ELF32_ERR_IO     (-1) /* the file could not be read */
#define ELF32_ERR_FORMAT (-2) /* not a valid RV32 little-endian executable */
#define ELF32_ERR_FIT    (-3) /* a segment or the entry point lies outside RAM */
#define ELF32_ERR_SYMBOL (-4) /* no such symbol, or no symbol table */
#define ELF32_ERR_NOMEM  (-5)

struct elf32_segment {
  uint32_t addr;        /* load (physical) address */
  uint32_t filesz;      /* bytes taken from the file ... */
  uint32_t memsz;       /* ... then zeros up to memsz */
  const uint8_t *data;  /* points into the file image */
};

struct elf32_program {
  uint8_t *file;        /* the whole file, owned */
  size_t size;
  uint32_t entry;
  uint32_t flags;       /* e_flags */
  unsigned nsegs;
  struct elf32_segment *segs;  /* owned */
};

/* Reads and validates path as an ELF32 little-endian RISC-V executable whose PT_LOAD
 * segments and entry point lie inside [ram_base, ram_base + ram_bytes). On error returns a
 * negative ELF32_ERR_* and writes a one-line reason (without the file name) to err.
 * Whatever it returns, elf32_free(prog) releases what it holds. */
int elf32_load_file(const char *path, uint32_t ram_base, uint32_t ram_bytes,
                    struct elf32_program *prog, char *err, size_t errlen);

/* The same checks on a file image already in memory (takes ownership of buf, which must
 * come from malloc, even on error). */
int elf32_parse(uint8_t *buf, size_t size, uint32_t ram_base, uint32_t ram_bytes,
                struct elf32_program *prog, char *err, size_t errlen);

/* Copies the segments into ram (ram_bytes long, the RAM's contents from ram_base) and
 * zero-fills each segment's tail; *lo and *hi get the byte range written (word-aligned,
 * hi exclusive; lo == hi if nothing). */
void elf32_fill_ram(const struct elf32_program *prog, uint32_t ram_base, uint8_t *ram,
                    uint32_t ram_bytes, uint32_t *lo, uint32_t *hi);

/* Looks up a symbol by name in the symbol table; 0 and *value on success. */
int elf32_symbol(const struct elf32_program *prog, const char *name, uint32_t *value,
                 char *err, size_t errlen);

void elf32_free(struct elf32_program *prog);

#ifdef __cplusplus
}
#endif
#endif
