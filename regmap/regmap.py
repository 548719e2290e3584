#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generate sgpu's register definitions from the one register map (regmap/sgpu.json).

Outputs: the Verilog include, the firmware C header (core addresses), the host C header
(BAR0 offsets), the host's table of every BAR0 register (for tests and tools) and the
Markdown page. The map also holds the device's PCI configuration constants (IDs, class,
BAR0 size, MSI vectors, link), generated into all three headers. `--check` regenerates in memory and fails if a
committed file differs, so a stale generated file is caught by `make test`.

A block may be an array of instances ("count" and "stride" together): its registers repeat
at base + i * stride for i < count, their offsets are inside one instance. A block marked
"planned" is generated everywhere except the host's register table, which lists only what
the device decodes (the end-to-end test walks it against the device).
"""
import argparse
import json
import re
import sys
from pathlib import Path

SPACES = ("core", "bar0")
ACCESS = ("ro", "rw", "wo")
BLOCK_KEYS = {"name", "title", "doc", "type_id", "version", "size", "base", "registers",
              "count", "stride", "planned"}
REG_KEYS = {"name", "offset", "access", "reset", "doc", "fields", "volatile"}
CONST_KEYS = {"name", "value", "doc"}
TOP_KEYS = {"name", "doc", "config", "blocks"}
FIELD_KEYS = {"name", "lsb", "width", "doc", "values"}
VALUE_KEYS = {"name", "value", "doc"}


sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from jsondef import DefError, check_keys, check_name, number  # noqa: E402

MapError = DefError


def load(path):
    """Read and validate the map; return it with every number parsed."""
    try:
        raw = json.loads(Path(path).read_text())
    except (OSError, json.JSONDecodeError) as err:
        raise MapError(f"{path}: {err}") from err
    check_keys(raw, TOP_KEYS, ("blocks",), str(path))
    config = load_config(raw.get("config", {"doc": "", "constants": []}))
    blocks = []
    seen_blocks = set()
    for b in raw.get("blocks", []):
        where = f"block {b.get('name', '?')}"
        check_keys(b, BLOCK_KEYS, ("name", "doc", "size", "base", "registers"), where)
        check_name(b["name"], where)
        if b["name"] in seen_blocks:
            raise MapError(f"{where}: defined twice")
        seen_blocks.add(b["name"])
        size = number(b["size"], f"{where}.size")
        if size < 4 or size & (size - 1):
            raise MapError(f"{where}: size {size:#x} must be a power of two")
        base = {}
        for space, value in b["base"].items():
            if space not in SPACES:
                raise MapError(f"{where}: unknown address space {space!r}")
            base[space] = number(value, f"{where}.base.{space}")
            if base[space] % size:
                raise MapError(f"{where}: {space} base {base[space]:#x} not aligned to its size")
        block = dict(name=b["name"], title=b.get("title", b["name"]), doc=b["doc"],
                     type_id=number(b.get("type_id", 0), f"{where}.type_id"),
                     version=number(b.get("version", 1), f"{where}.version"),
                     size=size, base=base, addr_bits=size.bit_length() - 1, registers=[])
        offsets = {}
        for r in b["registers"]:
            block["registers"].append(load_register(r, block, offsets))
        load_array(b, block, where)
        planned = b.get("planned", False)
        if not isinstance(planned, bool):
            raise MapError(f"{where}: planned must be true or false")
        block["planned"] = planned
        blocks.append(block)
    if not blocks:
        raise MapError(f"{path}: no blocks")
    check_windows(blocks)
    return dict(name=raw.get("name", "sgpu"), doc=raw.get("doc", ""), blocks=blocks,
                config=config)


def load_array(b, block, where):
    """An array block: count instances, each stride bytes apart, all inside the block's window."""
    block["count"], block["stride"] = None, None
    if "count" not in b and "stride" not in b:
        return
    if "count" not in b or "stride" not in b:
        raise MapError(f"{where}: an array block needs both count and stride")
    count = number(b["count"], f"{where}.count")
    stride = number(b["stride"], f"{where}.stride")
    if count < 1:
        raise MapError(f"{where}: count {count} must be at least 1")
    if stride < 4 or stride & (stride - 1):
        raise MapError(f"{where}: stride {stride:#x} must be a power of two")
    # The span of one instance: up to the end of its last register.
    span = max((r["offset"] + 4 for r in block["registers"]), default=4)
    if stride < span:
        raise MapError(f"{where}: stride {stride:#x} is smaller than its registers' span {span:#x}")
    if count * stride > block["size"]:
        raise MapError(f"{where}: {count} instances of stride {stride:#x} do not fit its "
                       f"size {block['size']:#x}")
    block["count"], block["stride"] = count, stride


def load_config(c):
    """Configuration constants: one number each, named SGPU_CFG_<NAME> when generated."""
    check_keys(c, {"doc", "constants"}, ("doc", "constants"), "config")
    consts, seen = [], set()
    for k in c["constants"]:
        where = f"config.{k.get('name', '?')}"
        check_keys(k, CONST_KEYS, ("name", "value", "doc"), where)
        check_name(k["name"], where)
        if k["name"] in seen:
            raise MapError(f"{where}: defined twice")
        seen.add(k["name"])
        value = number(k["value"], f"{where}.value")
        if not 0 <= value < 1 << 32:
            raise MapError(f"{where}: value does not fit 32 bits")
        consts.append(dict(name=k["name"], value=value, doc=k["doc"]))
    return dict(doc=c["doc"], constants=consts)


def load_register(r, block, offsets):
    where = f"{block['name']}.{r.get('name', '?')}"
    check_keys(r, REG_KEYS, ("name", "offset", "access", "reset", "doc"), where)
    check_name(r["name"], where)
    off = number(r["offset"], f"{where}.offset")
    if off % 4 or off >= block["size"]:
        raise MapError(f"{where}: offset {off:#x} not word aligned or outside the block")
    if off in offsets:
        raise MapError(f"{where}: offset {off:#x} already used by {offsets[off]}")
    offsets[off] = r["name"]
    access = r["access"]
    if isinstance(access, str):
        access = {s: access for s in block["base"]}
    for space in block["base"]:
        if access.get(space) not in ACCESS:
            raise MapError(f"{where}: access in {space} must be one of {ACCESS}")
    reset = number(r["reset"], f"{where}.reset")
    if not 0 <= reset < 1 << 32:
        raise MapError(f"{where}: reset value does not fit 32 bits")
    fields = []
    used = 0
    for f in r.get("fields", []):
        fw = f"{where}.{f.get('name', '?')}"
        check_keys(f, FIELD_KEYS, ("name", "lsb", "width", "doc"), fw)
        check_name(f["name"], fw)
        lsb, width = number(f["lsb"], f"{fw}.lsb"), number(f["width"], f"{fw}.width")
        if width < 1 or lsb < 0 or lsb + width > 32:
            raise MapError(f"{fw}: bits {lsb}+{width} do not fit 32")
        mask = ((1 << width) - 1) << lsb
        if used & mask:
            raise MapError(f"{fw}: overlaps another field")
        used |= mask
        values = []
        for v in f.get("values", []):
            vw = f"{fw}.{v.get('name', '?')}"
            check_keys(v, VALUE_KEYS, ("name", "value", "doc"), vw)
            check_name(v["name"], vw)
            val = number(v["value"], f"{vw}.value")
            if not 0 <= val < 1 << width:
                raise MapError(f"{vw}: value {val} does not fit {width} bits")
            values.append(dict(name=v["name"], value=val, doc=v["doc"]))
        fields.append(dict(name=f["name"], lsb=lsb, width=width, mask=mask,
                           doc=f["doc"], values=values))
    if fields and reset & ~used:
        raise MapError(f"{where}: reset value sets bits outside its fields")
    volatile = r.get("volatile", False)
    if not isinstance(volatile, bool):
        raise MapError(f"{where}: volatile must be true or false")
    return dict(name=r["name"], offset=off, access=access, reset=reset, doc=r["doc"],
                fields=fields, bits=used if fields else 0xFFFFFFFF, volatile=volatile)


def check_windows(blocks):
    """Blocks sharing an address space must not overlap."""
    for space in SPACES:
        spans = sorted((b["base"][space], b["base"][space] + b["size"], b["name"])
                       for b in blocks if space in b["base"])
        for (_, end, name), (start, _, other) in zip(spans, spans[1:]):
            if start < end:
                raise MapError(f"blocks {name} and {other} overlap in {space}")


def prefix(block, reg=None, field=None):
    parts = ["SGPU", block["name"]] + ([reg["name"]] if reg else []) + \
            ([field["name"]] if field else [])
    return "_".join(parts)


GENERATED = "Generated from regmap/sgpu.json by regmap/regmap.py: do not edit."


def verilog(rmap):
    out = [f"// sgpu register map for the RTL. {GENERATED}",
           "// SPDX-License-Identifier: Apache-2.0",
           "`ifndef SGPU_REGS_VH", "`define SGPU_REGS_VH", "",
           f"// Configuration: {rmap['config']['doc']}"]
    for k in rmap["config"]["constants"]:
        out.append(f"`define SGPU_CFG_{k['name']} 32'h{k['value']:08X}")
    out.append("")
    for b in rmap["blocks"]:
        p, bits = prefix(b), b["addr_bits"]
        out.append(f"// {b['title']}: {b['doc']}")
        for space, base in b["base"].items():
            out.append(f"`define {p}_{space.upper()}_BASE 32'h{base:08X}")
        out += [f"`define {p}_SIZE 32'h{b['size']:08X}",
                f"`define {p}_ADDR_BITS {bits}",
                f"`define {p}_BLOCK_TYPE 16'h{b['type_id']:04X}",
                f"`define {p}_BLOCK_VERSION 8'd{b['version']}"]
        if b["count"]:
            out += [f"// An array: instance i at base + i * stride; register offsets are per instance.",
                    f"`define {p}_COUNT {b['count']}",
                    f"`define {p}_STRIDE 32'h{b['stride']:08X}",
                    f"`define {p}_STRIDE_BITS {b['stride'].bit_length() - 1}"]
        hexw = (bits + 3) // 4
        for r in b["registers"]:
            rp = prefix(b, r)
            out += [f"`define {rp}_OFFSET {bits}'h{r['offset']:0{hexw}X}",
                    f"`define {rp}_RESET 32'h{r['reset']:08X}"]
            for f in r["fields"]:
                fp = prefix(b, r, f)
                out += [f"`define {fp}_LSB {f['lsb']}", f"`define {fp}_WIDTH {f['width']}"]
                for v in f["values"]:
                    out.append(f"`define {fp}_{v['name']} {f['width']}'d{v['value']}")
        out.append("")
    out.append("`endif")
    return "\n".join(out) + "\n"


def c_header(rmap, space, guard, title):
    out = [f"/* {title} {GENERATED} */",
           "/* SPDX-License-Identifier: Apache-2.0 */",
           f"#ifndef {guard}", f"#define {guard}", "",
           "/* Usable from C and from assembly: constants carry a 'u' suffix only in C. */",
           "#ifdef __ASSEMBLER__", "#define SGPU_U32(x) x", "#else",
           "#define SGPU_U32(x) x##u", "#endif", ""]

    def define(name, value, fmt="0x{:08X}"):
        out.append(f"#define {name} SGPU_U32({fmt.format(value)})")

    out.append(f"/* Configuration: {rmap['config']['doc']} */")
    for k in rmap["config"]["constants"]:
        out.append(f"/* {k['doc']} */")
        define(f"SGPU_CFG_{k['name']}", k["value"])
    out.append("")

    for b in rmap["blocks"]:
        if space not in b["base"]:
            continue
        p = prefix(b)
        out.append(f"/* {b['title']}: {b['doc']} */")
        define(f"{p}_{space.upper()}_BASE", b["base"][space])
        define(f"{p}_SIZE", b["size"])
        define(f"{p}_BLOCK_TYPE", b["type_id"], "0x{:04X}")
        define(f"{p}_BLOCK_VERSION", b["version"], "{}")
        if b["count"]:
            out.append(f"/* An array of {b['count']} instances: instance i at base + i * stride. */")
            define(f"{p}_COUNT", b["count"], "{}")
            define(f"{p}_STRIDE", b["stride"])
        for r in b["registers"]:
            rp = prefix(b, r)
            out.append(f"/* {r['name']} ({r['access'][space]}): {r['doc']} */")
            define(f"{rp}_OFFSET", r["offset"], "0x{:03X}")
            if space == "core":
                define(f"{rp}_ADDR", b["base"][space] + r["offset"])
            if b["count"]:
                # Instance i's address (core) or BAR0 offset (host).
                kind = "ADDR" if space == "core" else "OFFSET"
                out.append(f"#define {rp}_{kind}_I(i) ({p}_{space.upper()}_BASE + (i) * "
                           f"{p}_STRIDE + {rp}_OFFSET)")
            define(f"{rp}_RESET", r["reset"])
            for f in r["fields"]:
                fp = prefix(b, r, f)
                define(f"{fp}_SHIFT", f["lsb"], "{}")
                define(f"{fp}_WIDTH", f["width"], "{}")
                define(f"{fp}_MASK", f["mask"])
                for v in f["values"]:
                    define(f"{fp}_{v['name']}", v["value"], "{}")
        out.append("")
    out.append(f"#endif /* {guard} */")
    return "\n".join(out) + "\n"


def host_table(rmap):
    """Every BAR0 register as C data, so that tests and tools walk the map, not a copy."""
    out = [f"/* sgpu's BAR0 registers as a table. {GENERATED} */",
           "/* SPDX-License-Identifier: Apache-2.0 */",
           "#ifndef SGPU_REGS_TABLE_H", "#define SGPU_REGS_TABLE_H", "",
           "#include <stdint.h>", "",
           "struct sgpu_reg_desc {",
           "    const char *block;  /* block name */",
           "    const char *name;   /* register name */",
           "    uint32_t offset;    /* byte offset in BAR0 */",
           "    char access;        /* 'r' read-only, 'w' write-only, 'b' read-write */",
           "    uint8_t is_volatile; /* the device changes it: its value need not be the reset */",
           "    uint32_t reset;     /* value after reset */",
           "    uint32_t bits;      /* bits that hold a field (all for a register without fields) */",
           "};", "",
           "static const struct sgpu_reg_desc sgpu_bar0_regs[] = {"]
    code = {"ro": "r", "wo": "w", "rw": "b"}
    for b in rmap["blocks"]:
        if "bar0" not in b["base"] or b["planned"]:
            continue
        # An array is listed instance by instance, named BLOCK[i], so that a walk of the
        # table also checks the stride decode.
        instances = [(b["name"], 0)] if not b["count"] else \
            [(f"{b['name']}[{i}]", i * b["stride"]) for i in range(b["count"])]
        for name, at in instances:
            for r in b["registers"]:
                out.append(f'    {{"{name}", "{r["name"]}", '
                           f'0x{b["base"]["bar0"] + at + r["offset"]:05X}u, '
                           f"'{code[r['access']['bar0']]}', {int(r['volatile'])}, "
                           f"0x{r['reset']:08X}u, 0x{r['bits']:08X}u}},")
    out += ["};", "",
            "#define SGPU_BAR0_REG_COUNT (sizeof sgpu_bar0_regs / sizeof sgpu_bar0_regs[0])",
            "", "#endif /* SGPU_REGS_TABLE_H */"]
    return "\n".join(out) + "\n"


def markdown(rmap):
    out = ["# sgpu registers", "",
           f"<!-- {GENERATED} -->", "", rmap["doc"], "",
           "## Configuration constants", "", rmap["config"]["doc"], "",
           "| constant | value | description |", "|---|---|---|"]
    for k in rmap["config"]["constants"]:
        out.append(f"| SGPU_CFG_{k['name']} | `0x{k['value']:X}` | {k['doc']} |")
    out.append("")
    for b in rmap["blocks"]:
        bases = ", ".join(f"{s} `0x{v:08X}`" for s, v in b["base"].items())
        out += [f"## {b['name']}: {b['title']}", "", b["doc"], "",
                f"Base: {bases}; size `0x{b['size']:X}`; type `0x{b['type_id']:04X}`, "
                f"version {b['version']}.", ""]
        if b["count"]:
            at = ", ".join(f"{s} `0x{v:08X} + i * 0x{b['stride']:X}`" for s, v in b["base"].items())
            out += [f"An array of {b['count']} instances: instance i at base + i * stride "
                    f"({at}, i < {b['count']}); the offsets below are inside one instance.", ""]
        if b["planned"]:
            out += ["Planned: defined for the RTL and firmware to build against, not yet decoded "
                    "by the device, so left out of the host's register table.", ""]
        out += ["| offset | register | access | reset | description |", "|---|---|---|---|---|"]
        for r in b["registers"]:
            acc = "/".join(sorted(set(r["access"].values())))
            if len(set(r["access"].values())) > 1:
                acc = ", ".join(f"{s}: {a}" for s, a in r["access"].items())
            reset = f"`0x{r['reset']:08X}`" + (" (volatile)" if r["volatile"] else "")
            out.append(f"| `0x{r['offset']:03X}` | {r['name']} | {acc} | "
                       f"{reset} | {r['doc']} |")
        for r in b["registers"]:
            if not r["fields"]:
                continue
            out += ["", f"**{r['name']}** fields:", "",
                    "| bits | field | description |", "|---|---|---|"]
            for f in r["fields"]:
                hi = f["lsb"] + f["width"] - 1
                bits = f"{hi}:{f['lsb']}" if f["width"] > 1 else f"{f['lsb']}"
                doc = f["doc"]
                if f["values"]:
                    doc += " " + "; ".join(f"{v['value']} = {v['name']} ({v['doc']})"
                                           for v in f["values"])
                out.append(f"| {bits} | {f['name']} | {doc} |")
        out.append("")
    return "\n".join(out)


def check_unique_names(text):
    """Two map entries must never generate the same macro name."""
    names = [n for n in re.findall(r"^(?:`define|#define) (SGPU_\w+)", text, re.M)
             if n != "SGPU_U32"]
    dups = sorted({n for n in names if names.count(n) > 1})
    if dups:
        raise MapError(f"generated name(s) defined twice: {', '.join(dups)}")


def outputs(rmap):
    for rendered in (verilog(rmap), c_header(rmap, "core", "G", ""), c_header(rmap, "bar0", "G", "")):
        check_unique_names(rendered)
    return {
        "rtl/include/sgpu_regs.vh": verilog(rmap),
        "firmware/include/sgpu_regs.h": c_header(
            rmap, "core", "SGPU_FW_REGS_H", "sgpu registers as the control core sees them."),
        "host/include/sgpu_regs.h": c_header(
            rmap, "bar0", "SGPU_HOST_REGS_H", "sgpu registers as the host sees them (BAR0)."),
        "host/include/sgpu_regs_table.h": host_table(rmap),
        "docs/registers.md": markdown(rmap),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--map", default="regmap/sgpu.json", help="the register map (JSON)")
    ap.add_argument("--root", default=".", help="project root the outputs are relative to")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; fail if a generated file is missing or stale")
    args = ap.parse_args()
    try:
        rmap = load(args.map)
    except MapError as err:
        print(f"regmap: {err}", file=sys.stderr)
        return 1
    try:
        generated = outputs(rmap)
    except MapError as err:
        print(f"regmap: {err}", file=sys.stderr)
        return 1
    stale = []
    for rel, text in generated.items():
        path = Path(args.root) / rel
        current = path.read_text() if path.exists() else None
        if current == text:
            continue
        if args.check:
            stale.append(rel)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            print(f"regmap: wrote {rel}")
    if stale:
        for rel in stale:
            print(f"regmap: {rel} is stale: run 'make regmap' and commit it", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
