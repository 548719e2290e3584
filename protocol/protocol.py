#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Generate sgpu's host<->firmware protocol and command format from protocol/sgpu_protocol.json.

Outputs: the firmware and host C headers (structs with static asserts on every size and
offset, enums, version), the Verilog include for the command decoders, and the Markdown
page. `--check` regenerates in memory and fails if a committed file differs, so a stale
generated file is caught by `make test`.
"""
import argparse
import json
import re
import sys
from pathlib import Path

LOWER_RE = re.compile(r"^[a-z][a-z0-9_]*$")
TYPES = {"u8": (1, "uint8_t"), "u16": (2, "uint16_t"), "u32": (4, "uint32_t"),
         "u64": (8, "uint64_t"), "i8": (1, "int8_t"), "i16": (2, "int16_t"),
         "i32": (4, "int32_t"), "i64": (8, "int64_t")}
GROUPS = ("control", "event", "shared")
TOP_KEYS = {"name", "doc", "version", "constants", "enums", "bitsets", "structs", "commands"}
VERSION_KEYS = {"major", "minor", "doc"}
CONST_KEYS = {"name", "value", "doc"}
ENUM_KEYS = {"name", "doc", "values"}
VALUE_KEYS = {"name", "value", "doc"}
BITSET_KEYS = {"name", "doc", "bits"}
BIT_KEYS = {"name", "lsb", "width", "doc"}
STRUCT_KEYS = {"name", "group", "size", "doc", "fields", "extends", "opcode"}
FIELD_KEYS = {"name", "offset", "type", "doc", "enum", "bits"}
CMDS_KEYS = {"doc", "header", "list"}
CMD_KEYS = {"name", "opcode", "dwords", "max_dwords", "doc", "flags", "operands"}
FLAG_KEYS = {"name", "bit", "doc", "dwords"}
OPERAND_KEYS = {"name", "dw", "width", "align", "doc", "flag"}
HEADER_NEEDS = ("OPCODE", "LENGTH", "FLAGS")


sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
from jsondef import DefError, check_keys, check_name, number  # noqa: E402

ProtoError = DefError


def unique(items, where):
    seen = set()
    for it in items:
        if it["name"] in seen:
            raise ProtoError(f"{where}.{it['name']}: defined twice")
        seen.add(it["name"])


def load(path):
    """Read and validate the definition; return it with every number parsed."""
    try:
        raw = json.loads(Path(path).read_text())
    except (OSError, json.JSONDecodeError) as err:
        raise ProtoError(f"{path}: {err}") from err
    check_keys(raw, TOP_KEYS, ("doc", "version", "constants", "enums", "bitsets", "structs",
                               "commands"), str(path))
    check_keys(raw["version"], VERSION_KEYS, ("major", "minor", "doc"), "version")
    version = {k: number(raw["version"][k], f"version.{k}") for k in ("major", "minor")}
    for k, v in version.items():
        if not 0 <= v <= 0xFF:
            raise ProtoError(f"version.{k}: {v} does not fit 8 bits (header.version is a u8)")
    version["doc"] = raw["version"]["doc"]

    consts = []
    for c in raw["constants"]:
        where = f"constants.{c.get('name', '?')}"
        check_keys(c, CONST_KEYS, ("name", "value", "doc"), where)
        check_name(c["name"], where)
        value = number(c["value"], f"{where}.value")
        if not 0 <= value < 1 << 32:
            raise ProtoError(f"{where}: value does not fit 32 bits")
        consts.append(dict(name=c["name"], value=value, doc=c["doc"]))
    unique(consts, "constants")
    const_of = {c["name"]: c["value"] for c in consts}

    enums = {}
    for e in raw["enums"]:
        where = f"enums.{e.get('name', '?')}"
        check_keys(e, ENUM_KEYS, ("name", "doc", "values"), where)
        check_name(e["name"], where)
        if e["name"] in enums:
            raise ProtoError(f"{where}: defined twice")
        values = []
        for v in e["values"]:
            vw = f"{where}.{v.get('name', '?')}"
            check_keys(v, VALUE_KEYS, ("name", "value", "doc"), vw)
            check_name(v["name"], vw)
            val = number(v["value"], f"{vw}.value")
            if not 0 <= val < 1 << 32:
                raise ProtoError(f"{vw}: value does not fit 32 bits")
            if any(x["value"] == val for x in values):
                raise ProtoError(f"{vw}: value {val} already used in {e['name']}")
            values.append(dict(name=v["name"], value=val, doc=v["doc"]))
        unique(values, where)
        if not values:
            raise ProtoError(f"{where}: no values")
        enums[e["name"]] = dict(name=e["name"], doc=e["doc"], values=values)

    bitsets = {}
    for b in raw["bitsets"]:
        where = f"bitsets.{b.get('name', '?')}"
        check_keys(b, BITSET_KEYS, ("name", "doc", "bits"), where)
        check_name(b["name"], where)
        if b["name"] in bitsets or b["name"] in enums:
            raise ProtoError(f"{where}: defined twice")
        bits, used = [], 0
        for f in b["bits"]:
            fw = f"{where}.{f.get('name', '?')}"
            check_keys(f, BIT_KEYS, ("name", "lsb", "width", "doc"), fw)
            check_name(f["name"], fw)
            lsb, width = number(f["lsb"], f"{fw}.lsb"), number(f["width"], f"{fw}.width")
            if width < 1 or lsb < 0 or lsb + width > 32:
                raise ProtoError(f"{fw}: bits {lsb}+{width} do not fit 32")
            mask = ((1 << width) - 1) << lsb
            if used & mask:
                raise ProtoError(f"{fw}: overlaps another bit")
            used |= mask
            bits.append(dict(name=f["name"], lsb=lsb, width=width, mask=mask, doc=f["doc"]))
        unique(bits, where)
        bitsets[b["name"]] = dict(name=b["name"], doc=b["doc"], bits=bits, mask=used)

    structs = {}
    for s in raw["structs"]:
        st = load_struct(s, structs, enums, bitsets, const_of)
        structs[st["name"]] = st
    check_opcodes(structs, enums)

    commands = load_commands(raw["commands"])
    return dict(name=raw.get("name", "sgpu_protocol"), doc=raw["doc"], version=version,
                constants=consts, enums=list(enums.values()), bitsets=list(bitsets.values()),
                structs=list(structs.values()), commands=commands)


def load_struct(s, structs, enums, bitsets, const_of):
    where = f"structs.{s.get('name', '?')}"
    check_keys(s, STRUCT_KEYS, ("name", "group", "size", "doc", "fields"), where)
    check_name(s["name"], where)
    if s["name"] in structs:
        raise ProtoError(f"{where}: defined twice")
    if s["group"] not in GROUPS:
        raise ProtoError(f"{where}: group must be one of {GROUPS}")
    size = s["size"]
    if isinstance(size, str) and size in const_of:
        size = const_of[size]  # a size named by a constant is checked against it
    size = number(size, f"{where}.size")
    fields, base = [], None
    if "extends" in s:
        base = structs.get(s["extends"])
        if base is None:
            raise ProtoError(f"{where}: extends unknown struct {s['extends']!r} "
                             "(a base must come first)")
        if base.get("base"):
            raise ProtoError(f"{where}: a base must not itself extend another struct")
        # The base's bytes (its reserved ones too) are the nested hdr member in C.
        fields = [dict(f, inherited=True) for f in base["fields"]]
    for f in s["fields"]:
        fw = f"{where}.{f.get('name', '?')}"
        check_keys(f, FIELD_KEYS, ("name", "offset", "type", "doc"), fw)
        check_name(f["name"], fw, LOWER_RE, "lower_case (a-z, 0-9, _)")
        if f["name"].startswith("rsvd"):
            raise ProtoError(f"{fw}: names rsvd* are kept for the generated reserved bytes")
        if f["type"] not in TYPES:
            raise ProtoError(f"{fw}: type must be one of {', '.join(TYPES)}")
        width = TYPES[f["type"]][0]
        off = number(f["offset"], f"{fw}.offset")
        if off % width:
            raise ProtoError(f"{fw}: offset {off} not aligned to its {width}-byte type")
        if base and off < base["size"]:
            raise ProtoError(f"{fw}: offset {off} lies in the base {base['name']}")
        field = dict(name=f["name"], offset=off, type=f["type"], width=width, doc=f["doc"],
                     enum=f.get("enum"), bits=f.get("bits"), reserved=False, inherited=False)
        if field["enum"] is not None:
            e = enums.get(field["enum"])
            if e is None:
                raise ProtoError(f"{fw}: unknown enum {field['enum']!r}")
            top = max(v["value"] for v in e["values"])
            if top >= 1 << (8 * width):
                raise ProtoError(f"{fw}: enum {e['name']} value {top} does not fit {f['type']}")
        if field["bits"] is not None:
            b = bitsets.get(field["bits"])
            if b is None:
                raise ProtoError(f"{fw}: unknown bitset {field['bits']!r}")
            if b["mask"] >> (8 * width):
                raise ProtoError(f"{fw}: bitset {b['name']} does not fit {f['type']}")
        fields.append(field)
    unique(fields, where)
    fields.sort(key=lambda f: f["offset"])
    align = max([TYPES[f["type"]][0] for f in fields] + [1])
    if size <= 0 or size % align:
        raise ProtoError(f"{where}: size {size} is not a multiple of its {align}-byte alignment")
    if base and base["size"] % align:
        raise ProtoError(f"{where}: base {base['name']} size not a multiple of the alignment")
    # Gaps become explicit reserved bytes, so that the compiler never pads.
    laid, at = [], 0
    for f in fields:
        if f["offset"] < at:
            raise ProtoError(f"{where}.{f['name']}: overlaps the field before it (byte {at})")
        if f["offset"] > at:
            laid.append(reserved(at, f["offset"] - at))
        laid.append(f)
        at = f["offset"] + f["width"]
    if at > size:
        raise ProtoError(f"{where}: fields end at byte {at}, past the size {size}")
    if at < size:
        laid.append(reserved(at, size - at))
    return dict(name=s["name"], group=s["group"], size=size, doc=s["doc"], fields=laid,
                base=base["name"] if base else None, base_size=base["size"] if base else 0,
                opcode=s.get("opcode"), align=align)


def reserved(offset, count):
    return dict(name=f"rsvd{offset}", offset=offset, type="u8", width=count, count=count,
                doc="Reserved: must be 0.", enum=None, bits=None, reserved=True, inherited=False)


def check_opcodes(structs, enums):
    """Every control opcode has exactly one frame, and every frame names one."""
    ops = {v["name"]: v for v in enums.get("CTRL_OP", {"values": []})["values"]}
    seen = {}
    for s in structs.values():
        if s["opcode"] is None:
            continue
        if s["opcode"] not in ops:
            raise ProtoError(f"structs.{s['name']}: opcode {s['opcode']!r} is not a CTRL_OP")
        if s["opcode"] in seen:
            raise ProtoError(f"structs.{s['name']}: opcode {s['opcode']} already has frame "
                             f"{seen[s['opcode']]}")
        seen[s["opcode"]] = s["name"]
    missing = sorted(set(ops) - set(seen))
    if missing:
        raise ProtoError(f"CTRL_OP {', '.join(missing)} has no frame struct")


def load_commands(c):
    check_keys(c, CMDS_KEYS, ("doc", "header", "list"), "commands")
    header, used = {}, 0
    for f in c["header"]:
        fw = f"commands.header.{f.get('name', '?')}"
        check_keys(f, BIT_KEYS, ("name", "lsb", "width", "doc"), fw)
        check_name(f["name"], fw)
        lsb, width = number(f["lsb"], f"{fw}.lsb"), number(f["width"], f"{fw}.width")
        if width < 1 or lsb < 0 or lsb + width > 32:
            raise ProtoError(f"{fw}: bits {lsb}+{width} do not fit 32")
        mask = ((1 << width) - 1) << lsb
        if used & mask:
            raise ProtoError(f"{fw}: overlaps another header field")
        used |= mask
        if f["name"] in header:
            raise ProtoError(f"{fw}: defined twice")
        header[f["name"]] = dict(name=f["name"], lsb=lsb, width=width, mask=mask, doc=f["doc"])
    for need in HEADER_NEEDS:
        if need not in header:
            raise ProtoError(f"commands.header: needs a field {need}")
    max_len = (1 << header["LENGTH"]["width"]) - 1
    max_op = (1 << header["OPCODE"]["width"]) - 1
    nflags = header["FLAGS"]["width"]
    cmds = []
    for k in c["list"]:
        where = f"commands.{k.get('name', '?')}"
        check_keys(k, CMD_KEYS, ("name", "opcode", "dwords", "doc", "operands"), where)
        check_name(k["name"], where)
        op = number(k["opcode"], f"{where}.opcode")
        if not 1 <= op <= max_op:
            raise ProtoError(f"{where}: opcode {op} must be 1..{max_op} (0 is never a command)")
        if any(x["opcode"] == op for x in cmds):
            raise ProtoError(f"{where}: opcode {op} already used")
        dwords = number(k["dwords"], f"{where}.dwords")
        max_dw = number(k.get("max_dwords", dwords), f"{where}.max_dwords")
        if not 1 <= dwords <= max_dw <= max_len:
            raise ProtoError(f"{where}: length {dwords}..{max_dw} DWs must be within 1..{max_len}")
        flags, fmask = [], 0
        for f in k.get("flags", []):
            fw = f"{where}.{f.get('name', '?')}"
            check_keys(f, FLAG_KEYS, ("name", "bit", "doc"), fw)
            check_name(f["name"], fw)
            bit = number(f["bit"], f"{fw}.bit")
            if not 0 <= bit < nflags:
                raise ProtoError(f"{fw}: bit {bit} is outside the {nflags}-bit FLAGS field")
            if fmask >> bit & 1:
                raise ProtoError(f"{fw}: bit {bit} already used")
            fmask |= 1 << bit
            # A lengthening flag: with it set the command is `dwords` DWs long, and the
            # operands named with "flag" fill the DWs past the plain form.
            long_dw = None
            if "dwords" in f:
                long_dw = number(f["dwords"], f"{fw}.dwords")
                if not dwords < long_dw <= max_len or max_dw != dwords:
                    raise ProtoError(f"{fw}: dwords {long_dw} must be within {dwords + 1}..{max_len} "
                                     "(and the command of one length otherwise)")
                if any(x["dwords"] for x in flags):
                    raise ProtoError(f"{fw}: only one flag may lengthen a command")
            flags.append(dict(name=f["name"], bit=bit, doc=f["doc"], dwords=long_dw))
        unique(flags, where)
        operands, covered, covered_long = [], set(), set()
        for o in k["operands"]:
            ow = f"{where}.{o.get('name', '?')}"
            check_keys(o, OPERAND_KEYS, ("name", "dw", "width", "doc"), ow)
            check_name(o["name"], ow)
            dw, width = number(o["dw"], f"{ow}.dw"), number(o["width"], f"{ow}.width")
            if width not in (32, 64):
                raise ProtoError(f"{ow}: width must be 32 or 64")
            span = set(range(dw, dw + width // 32))
            flag = o.get("flag")
            if flag is None:
                lo, hi = 1, dwords
            else:
                lf = next((x for x in flags if x["name"] == flag and x["dwords"]), None)
                if lf is None:
                    raise ProtoError(f"{ow}: flag {flag} is not a lengthening flag of the command")
                lo, hi = dwords, lf["dwords"]
            if dw < lo or max(span) >= hi:
                raise ProtoError(f"{ow}: DW {dw}+{width // 32} is outside DWs {lo}..{hi - 1}")
            if span & (covered | covered_long):
                raise ProtoError(f"{ow}: overlaps another operand")
            if flag is None:
                covered |= span
            else:
                covered_long |= span
            align = number(o.get("align", 1), f"{ow}.align")
            if align < 1 or align & (align - 1):
                raise ProtoError(f"{ow}: align {align} must be a power of two")
            operands.append(dict(name=o["name"], dw=dw, width=width, align=align, doc=o["doc"],
                                 flag=flag))
        unique(operands, where)
        holes = sorted(set(range(1, dwords)) - covered)
        for f in flags:
            if f["dwords"]:
                holes += sorted(set(range(dwords, f["dwords"])) - covered_long)
        if holes:
            raise ProtoError(f"{where}: DW {holes[0]} is not an operand (name every DW)")
        if any(o["name"] in [f["name"] for f in flags] for o in operands):
            raise ProtoError(f"{where}: an operand and a flag share a name")
        cmds.append(dict(name=k["name"], opcode=op, dwords=dwords, max_dwords=max_dw,
                         doc=k["doc"], flags=flags, flag_mask=fmask, operands=operands))
    unique(cmds, "commands")
    if not cmds:
        raise ProtoError("commands: no commands")
    return dict(doc=c["doc"], header=list(header.values()), list=cmds)


GENERATED = "Generated from protocol/sgpu_protocol.json by protocol/protocol.py: do not edit."


def c_comment(text):
    return "/* " + text.replace("*/", "* /") + " */"


def c_header(p, guard, title):
    v = p["version"]
    out = [f"/* {title} {GENERATED} */",
           "/* SPDX-License-Identifier: Apache-2.0 */",
           f"#ifndef {guard}", f"#define {guard}", "",
           "#include <stddef.h>", "#include <stdint.h>", "",
           c_comment(p["doc"]), "",
           c_comment(v["doc"]),
           f"#define SGPU_PROTO_VERSION_MAJOR {v['major']}u",
           f"#define SGPU_PROTO_VERSION_MINOR {v['minor']}u", ""]
    for c in p["constants"]:
        out += [c_comment(c["doc"]), f"#define SGPU_PROTO_{c['name']} 0x{c['value']:X}u"]
    out.append("")
    for e in p["enums"]:
        out += [c_comment(e["doc"]), f"enum sgpu_{e['name'].lower()} {{"]
        for val in e["values"]:
            # Values above INT_MAX are not portable enum constants: none are needed here.
            out.append(f"    SGPU_{e['name']}_{val['name']} = {val['value']}, "
                       + c_comment(val["doc"]))
        out += ["};", ""]
    for b in p["bitsets"]:
        out.append(c_comment(b["doc"]))
        for bit in b["bits"]:
            n = f"SGPU_{b['name']}_{bit['name']}"
            out.append(c_comment(bit["doc"]))
            if bit["width"] == 1:
                out.append(f"#define {n} (1u << {bit['lsb']})")
            else:
                out += [f"#define {n}_SHIFT {bit['lsb']}u", f"#define {n}_MASK 0x{bit['mask']:X}u"]
        out.append(f"#define SGPU_{b['name']}_ALL 0x{b['mask']:X}u")
        out.append("")
    for s in p["structs"]:
        tag = f"sgpu_{s['name'].lower()}"
        out += [c_comment(s["doc"]), f"struct {tag} {{"]
        if s["base"]:
            out.append(f"    struct sgpu_{s['base'].lower()} hdr;")
        for f in s["fields"]:
            if f["inherited"]:
                continue
            ctype = TYPES[f["type"]][1]
            if f["reserved"]:
                out.append(f"    {ctype} {f['name']}[{f['count']}]; /* reserved: must be 0 */")
                continue
            extra = f" ({e_or_b(f)})" if e_or_b(f) else ""
            out.append(f"    {ctype} {f['name']}; " + c_comment(f["doc"] + extra))
        out.append("};")
        # The layout is the same on every target (host x86-64, firmware RV32): these prove it.
        out.append(f"_Static_assert(sizeof(struct {tag}) == {s['size']}, \"{tag} size\");")
        if s["base"]:
            out.append(f"_Static_assert(offsetof(struct {tag}, hdr) == 0, \"{tag}.hdr\");")
        for f in s["fields"]:
            if f["inherited"]:
                continue
            out.append(f"_Static_assert(offsetof(struct {tag}, {f['name']}) == {f['offset']}, "
                       f"\"{tag}.{f['name']}\");")
        out.append("")
    frames = [s for s in p["structs"] if s["opcode"]]
    out += ["/* Any control frame: switch on hdr.opcode. */", "union sgpu_ctrl_frame {",
            f"    struct sgpu_{frames[0]['base'].lower()} hdr;"]
    for s in frames:
        out.append(f"    struct sgpu_{s['name'].lower()} {s['opcode'].lower()};")
    out += ["    uint8_t bytes[SGPU_PROTO_CTRL_FRAME_BYTES];", "};",
            "_Static_assert(sizeof(union sgpu_ctrl_frame) == SGPU_PROTO_CTRL_FRAME_BYTES, "
            "\"frame size\");", ""]
    out += c_commands(p["commands"])
    out.append(f"#endif /* {guard} */")
    return "\n".join(out) + "\n"


def e_or_b(f):
    if f["enum"]:
        return f"enum sgpu_{f['enum'].lower()}"
    if f["bits"]:
        return f"SGPU_{f['bits']}_*"
    return ""


def c_commands(cmds):
    out = [c_comment("Context commands. " + cmds["doc"]), ""]
    for h in cmds["header"]:
        n = f"SGPU_CMD_HDR_{h['name']}"
        out += [c_comment(h["doc"]), f"#define {n}_SHIFT {h['lsb']}u",
                f"#define {n}_MASK 0x{h['mask']:08X}u"]
    hdr = {h["name"]: h for h in cmds["header"]}
    out += ["/* A command header DW from its fields. */",
            "#define SGPU_CMD_HEADER(op, len, flags) \\",
            f"    ((((uint32_t)(op) << {hdr['OPCODE']['lsb']}) & SGPU_CMD_HDR_OPCODE_MASK) | \\",
            f"     (((uint32_t)(len) << {hdr['LENGTH']['lsb']}) & SGPU_CMD_HDR_LENGTH_MASK) | \\",
            f"     (((uint32_t)(flags) << {hdr['FLAGS']['lsb']}) & SGPU_CMD_HDR_FLAGS_MASK))", "",
            "enum sgpu_cmd_op {"]
    for k in cmds["list"]:
        out.append(f"    SGPU_CMD_OP_{k['name']} = {k['opcode']}, " + c_comment(k["doc"]))
    out += ["};", ""]
    for k in cmds["list"]:
        n = f"SGPU_CMD_{k['name']}"
        out += [c_comment(f"{k['name']}: {k['doc']}"), f"#define {n}_DWORDS {k['dwords']}u"]
        if k["max_dwords"] != k["dwords"]:
            out.append(f"#define {n}_MAX_DWORDS {k['max_dwords']}u")
        for f in k["flags"]:
            out += [c_comment(f["doc"]), f"#define {n}_FLAG_{f['name']} (1u << {f['bit']})"]
            if f["dwords"]:
                out.append(f"#define {n}_FLAG_{f['name']}_DWORDS {f['dwords']}u")
        out.append(f"#define {n}_FLAGS_ALL 0x{k['flag_mask']:X}u")
        for o in k["operands"]:
            out.append(f"#define {n}_{o['name']}_DW {o['dw']}u")
            if o["align"] > 1:
                out.append(f"#define {n}_{o['name']}_ALIGN {o['align']}u")
        # One struct for the plain form, one per lengthening flag (plain operands first).
        forms = [(f"sgpu_cmd_{k['name'].lower()}", k["dwords"], None)]
        forms += [(f"sgpu_cmd_{k['name'].lower()}_{f['name'].lower()}", f["dwords"], f["name"])
                  for f in k["flags"] if f["dwords"]]
        for tag, form_dw, flag in forms:
            ops = [o for o in k["operands"] if o["flag"] in (None, flag)]
            out += [f"struct {tag} {{", "    uint32_t header; /* SGPU_CMD_HEADER(...) */"]
            for o in ops:
                name = o["name"].lower()
                if o["width"] == 64:
                    # 64-bit operands sit at DW (not 8-byte) alignment: two halves, low first.
                    out += [f"    uint32_t {name}_lo; " + c_comment(o["doc"] + " Bits 31:0."),
                            f"    uint32_t {name}_hi; /* bits 63:32 */"]
                else:
                    out.append(f"    uint32_t {name}; " + c_comment(o["doc"]))
            out += ["};", f"_Static_assert(sizeof(struct {tag}) == {form_dw} * 4, \"{tag} size\");"]
            for o in ops:
                halves = ("_lo", "_hi") if o["width"] == 64 else ("",)
                for i, half in enumerate(halves):
                    name = o["name"].lower() + half
                    out.append(f"_Static_assert(offsetof(struct {tag}, {name}) == {o['dw'] + i} * 4, "
                               f"\"{tag}.{name}\");")
        out.append("")
    return out


def verilog(p):
    v, cmds = p["version"], p["commands"]
    hw = {h["name"]: h for h in cmds["header"]}
    ow, lw = hw["OPCODE"]["width"], hw["LENGTH"]["width"]
    out = [f"// sgpu context command format for the engine decoders. {GENERATED}",
           "// SPDX-License-Identifier: Apache-2.0",
           "`ifndef SGPU_CMDS_VH", "`define SGPU_CMDS_VH", "",
           f"`define SGPU_PROTO_VERSION_MAJOR 8'd{v['major']}",
           f"`define SGPU_PROTO_VERSION_MINOR 8'd{v['minor']}", "",
           "// Header DW fields: [LSB +: WIDTH]."]
    for h in cmds["header"]:
        out += [f"`define SGPU_CMD_HDR_{h['name']}_LSB {h['lsb']}",
                f"`define SGPU_CMD_HDR_{h['name']}_WIDTH {h['width']}"]
    out.append("")
    for k in cmds["list"]:
        n = f"SGPU_CMD_{k['name']}"
        out += [f"// {k['name']}: {k['doc']}",
                f"`define SGPU_CMD_OP_{k['name']} {ow}'d{k['opcode']}",
                f"`define {n}_DWORDS {lw}'d{k['dwords']}"]
        if k["max_dwords"] != k["dwords"]:
            out.append(f"`define {n}_MAX_DWORDS {lw}'d{k['max_dwords']}")
        fw = hw["FLAGS"]["width"]
        out.append(f"`define {n}_FLAGS_ALL {fw}'h{k['flag_mask']:02X}")
        for f in k["flags"]:
            out.append(f"`define {n}_FLAG_{f['name']}_BIT {f['bit']}")
            if f["dwords"]:
                out.append(f"`define {n}_FLAG_{f['name']}_DWORDS {lw}'d{f['dwords']}")
        for o in k["operands"]:
            out.append(f"`define {n}_{o['name']}_DW {o['dw']}")
            if o["align"] > 1:
                out.append(f"`define {n}_{o['name']}_ALIGN_BITS {o['align'].bit_length() - 1}")
        out.append("")
    err = next(e for e in p["enums"] if e["name"] == "CMD_ERROR")
    out.append(f"// {err['doc']}")
    for val in err["values"]:
        out.append(f"`define SGPU_CMD_ERROR_{val['name']} 16'd{val['value']}")
    out += ["", "`endif"]
    return "\n".join(out) + "\n"


def md_cell(text):
    return text.replace("|", "\\|")


def markdown(p):
    v = p["version"]
    out = ["# sgpu host <-> firmware protocol and command format", "",
           f"<!-- {GENERATED} -->", "", p["doc"], "",
           f"**Version {v['major']}.{v['minor']}.** {v['doc']}", "",
           "C: `firmware/include/sgpu_protocol.h` and `host/include/sgpu_protocol.h` "
           "(identical apart from the guard); Verilog: `rtl/include/sgpu_cmds.vh`. Struct `X` "
           "below is `struct sgpu_x`, enum value `E.V` is `SGPU_E_V`, constant `C` is "
           "`SGPU_PROTO_C`.", "",
           "## Constants", "", "| constant | value | description |", "|---|---|---|"]
    for c in p["constants"]:
        val = f"{c['value']}" if c["value"] < 0x10000 else f"0x{c['value']:X}"
        out.append(f"| {c['name']} | `{val}` | {md_cell(c['doc'])} |")
    out.append("")
    titles = {"control": "Control ring frames", "event": "Event ring records",
              "shared": "Other shared memory"}
    for group in ("control", "event", "shared"):
        out += [f"## {titles[group]}", ""]
        for s in [s for s in p["structs"] if s["group"] == group]:
            out += [f"### {s['name']} ({s['size']} bytes)", "", md_cell(s["doc"]), ""]
            if s["base"]:
                out += [f"Bytes 0..{s['base_size'] - 1}: {s['base']}"
                        + (f" with opcode = {s['opcode']}." if s["opcode"] else "."), ""]
            own = [f for f in s["fields"] if not f["inherited"]]
            if not [f for f in own if not f["reserved"]]:
                out += ["No payload: the rest of the frame is reserved (0).", ""]
                continue
            out += ["| byte | field | type | description |", "|---|---|---|---|"]
            for f in own:
                t = f"u8[{f['count']}]" if f["reserved"] else f["type"]
                doc = f["doc"] + (f" Values: {f['enum']}." if f["enum"] else "") + \
                    (f" Bits: {f['bits']}." if f["bits"] else "")
                out.append(f"| {f['offset']} | {f['name']} | {t} | {md_cell(doc)} |")
            out.append("")
    out += ["## Enumerations", ""]
    for e in p["enums"]:
        out += [f"### {e['name']}", "", md_cell(e["doc"]), "",
                "| value | name | description |", "|---|---|---|"]
        for val in e["values"]:
            out.append(f"| {val['value']} | {val['name']} | {md_cell(val['doc'])} |")
        out.append("")
    for b in p["bitsets"]:
        out += [f"### {b['name']} (bits)", "", md_cell(b["doc"]), "",
                "| bits | name | description |", "|---|---|---|"]
        for bit in b["bits"]:
            hi = bit["lsb"] + bit["width"] - 1
            bits = f"{hi}:{bit['lsb']}" if bit["width"] > 1 else str(bit["lsb"])
            out.append(f"| {bits} | {bit['name']} | {md_cell(bit['doc'])} |")
        out.append("")
    cmds = p["commands"]
    out += ["## Context commands", "", md_cell(cmds["doc"]), "",
            "Header DW:", "", "| bits | field | description |", "|---|---|---|"]
    for h in cmds["header"]:
        hi = h["lsb"] + h["width"] - 1
        out.append(f"| {hi}:{h['lsb']} | {h['name']} | {md_cell(h['doc'])} |")
    hdr = {h["name"]: h for h in cmds["header"]}
    out += ["", "| opcode | command | DWs | header DW, no flags | flag bits | description |",
            "|---|---|---|---|---|---|"]
    for k in cmds["list"]:
        dws = str(k["dwords"]) if k["max_dwords"] == k["dwords"] else \
            f"{k['dwords']}..{k['max_dwords']}"
        dws += "".join(f" ({f['dwords']} with {f['name']})" for f in k["flags"] if f["dwords"])
        word = k["opcode"] << hdr["OPCODE"]["lsb"] | k["dwords"] << hdr["LENGTH"]["lsb"]
        flags = ", ".join(f"{f['bit']} {f['name']}" for f in k["flags"]) or "-"
        out.append(f"| {k['opcode']} | {k['name']} | {dws} | `0x{word:08X}` | {flags} | "
                   f"{md_cell(k['doc'])} |")
    out.append("")
    for k in cmds["list"]:
        if not k["operands"] and not k["flags"]:
            continue
        out += [f"### {k['name']}", ""]
        if k["flags"]:
            out += [f"Flags (flag bit n is header bit {hdr['FLAGS']['lsb']} + n):", ""]
            out += [f"- bit {f['bit']} {f['name']}: {f['doc']}" +
                    (f" The command is then {f['dwords']} DWs long." if f["dwords"] else "")
                    for f in k["flags"]] + [""]
        if k["operands"]:
            out += ["| DW | operand | bits | align | description |", "|---|---|---|---|---|"]
            for o in k["operands"]:
                dw = str(o["dw"]) if o["width"] == 32 else f"{o['dw']}..{o['dw'] + 1}"
                align = f"{o['align']} bytes" if o["align"] > 1 else "-"
                only = f" (with {o['flag']} only)" if o["flag"] else ""
                out.append(f"| {dw} | {o['name']}{only} | {o['width']} | {align} | "
                           f"{md_cell(o['doc'])} |")
            out.append("")
    return "\n".join(out)


def check_unique_names(text):
    """Two definitions must never generate the same C or Verilog name."""
    names = re.findall(r"^(?:`define|#define) (SGPU_\w+)", text, re.M)
    names += re.findall(r"^    (SGPU_\w+) = ", text, re.M)
    names += ["struct " + n for n in re.findall(r"^struct (\w+) \{", text, re.M)]
    names += ["enum " + n for n in re.findall(r"^enum (\w+) \{", text, re.M)]
    dups = sorted({n for n in names if names.count(n) > 1})
    if dups:
        raise ProtoError(f"generated name(s) defined twice: {', '.join(dups)}")


def outputs(p):
    vh, h = verilog(p), c_header(p, "G", "")
    for rendered in (vh, h):
        check_unique_names(rendered)
    return {
        "firmware/include/sgpu_protocol.h": c_header(
            p, "SGPU_FW_PROTOCOL_H", "sgpu host<->firmware protocol (firmware side)."),
        "host/include/sgpu_protocol.h": c_header(
            p, "SGPU_HOST_PROTOCOL_H", "sgpu host<->firmware protocol (host side)."),
        "rtl/include/sgpu_cmds.vh": vh,
        "docs/protocol.md": markdown(p),
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--def", dest="defn", default="protocol/sgpu_protocol.json",
                    help="the protocol definition (JSON)")
    ap.add_argument("--root", default=".", help="project root the outputs are relative to")
    ap.add_argument("--check", action="store_true",
                    help="write nothing; fail if a generated file is missing or stale")
    args = ap.parse_args()
    try:
        generated = outputs(load(args.defn))
    except ProtoError as err:
        print(f"protocol: {err}", file=sys.stderr)
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
            print(f"protocol: wrote {rel}")
    for rel in stale:
        print(f"protocol: {rel} is stale: run 'make protocol' and commit it", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.exit(main())
