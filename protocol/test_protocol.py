#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Tests of the protocol generator: crafted bad definitions are refused, the committed outputs
are fresh, and they compile (host gcc, RV32 cross compiler, Verilator) with one layout."""
import copy
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import protocol  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
DEFN = ROOT / "protocol" / "sgpu_protocol.json"
GOOD = json.loads(DEFN.read_text())
RV_CC = os.environ.get("RV_CC", "riscv64-unknown-elf-gcc")
VERILATOR = os.environ.get("VERILATOR", "verilator")
OUTPUTS = ("firmware/include/sgpu_protocol.h", "host/include/sgpu_protocol.h",
           "rtl/include/sgpu_cmds.vh", "docs/protocol.md")


def load_variant(edit):
    """Apply edit() to a copy of the real definition, load it and render every output."""
    d = copy.deepcopy(GOOD)
    edit(d)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "p.json"
        path.write_text(json.dumps(d))
        return protocol.outputs(protocol.load(path))


def struct(d, name):
    return next(s for s in d["structs"] if s["name"] == name)


def field(d, sname, fname):
    return next(f for f in struct(d, sname)["fields"] if f["name"] == fname)


def enum(d, name):
    return next(e for e in d["enums"] if e["name"] == name)


def cmd(d, name):
    return next(c for c in d["commands"]["list"] if c["name"] == name)


def run(args, **kw):
    return subprocess.run(args, capture_output=True, text=True, **kw)


class Validation(unittest.TestCase):
    def rejects(self, edit, words):
        with self.assertRaises(protocol.ProtoError) as ctx:
            load_variant(edit)
        self.assertIn(words, str(ctx.exception))

    def test_real_definition_loads(self):
        p = protocol.load(DEFN)
        self.assertEqual(p["version"]["major"], GOOD["version"]["major"])

    def test_event_types_are_the_dxgk_numbers(self):
        # hwsched section 6: these numbers are the contract, not ours to renumber.
        want = {"MONITORED_FENCE_SIGNALED": 11, "HWQUEUE_PAGE_FAULTED": 12,
                "SCHEDULING_LOG_INTERRUPT": 15, "GPU_ENGINE_TIMEOUT": 16,
                "SUSPEND_CONTEXT_COMPLETED": 17}
        got = {v["name"]: v["value"] for v in enum(GOOD, "EVENT")["values"]}
        for name, value in want.items():
            self.assertEqual(got.get(name), value, name)

    def test_unknown_key(self):
        self.rejects(lambda d: field(d, "CTRL_HDR", "seq").update(ofset=4), "unknown key")

    def test_unknown_top_key(self):
        self.rejects(lambda d: d.update(extra=1), "unknown key")

    def test_overlapping_fields(self):
        self.rejects(lambda d: field(d, "COMPLETION", "seq").update(offset=8), "overlaps")

    def test_misaligned_field(self):
        self.rejects(lambda d: field(d, "STATUS", "uptime_cycles").update(offset=44),
                     "not aligned")

    def test_field_past_frame_size(self):
        self.rejects(lambda d: field(d, "CTRL_QUERY_STATUS", "result_addr").update(offset=64),
                     "past the size")

    def test_payload_inside_header(self):
        self.rejects(lambda d: field(d, "CTRL_DESTROY_CONTEXT", "ctx_id").update(offset=20),
                     "lies in the base")

    def test_size_not_multiple_of_alignment(self):
        self.rejects(lambda d: struct(d, "COMPLETION").update(size=20), "multiple")

    def test_unknown_type(self):
        self.rejects(lambda d: field(d, "COMPLETION", "seq").update(type="u24"), "type must be")

    def test_enum_value_too_wide_for_field(self):
        self.rejects(lambda d: enum(d, "EVENT")["values"].append(
            {"name": "HUGE", "value": "0x10000", "doc": "d"}), "does not fit u16")

    def test_duplicate_enum_value(self):
        self.rejects(lambda d: enum(d, "BAND")["values"][1].update(value=0), "already used")

    def test_unknown_enum_reference(self):
        self.rejects(lambda d: field(d, "CTRL_HDR", "opcode").update(enum="NOPE"), "unknown enum")

    def test_bitset_overlap(self):
        def edit(d):
            next(b for b in d["bitsets"] if b["name"] == "EVENT_FLAG")["bits"][1].update(lsb=0)
        self.rejects(edit, "overlaps")

    def test_name_case(self):
        self.rejects(lambda d: field(d, "COMPLETION", "seq").update(name="Seq"), "lower_case")
        self.rejects(lambda d: enum(d, "BAND").update(name="band"), "UPPER_CASE")

    def test_field_defined_twice(self):
        self.rejects(lambda d: struct(d, "COMPLETION")["fields"].append(
            {"name": "seq", "offset": 16, "type": "u32", "doc": "d"}), "defined twice")

    def test_opcode_without_frame(self):
        self.rejects(lambda d: enum(d, "CTRL_OP")["values"].append(
            {"name": "FROB", "value": 99, "doc": "d"}), "has no frame")

    def test_opcode_with_two_frames(self):
        self.rejects(lambda d: struct(d, "CTRL_NOP").update(opcode="QUERY_STATUS"),
                     "already has frame")

    def test_version_too_wide(self):
        self.rejects(lambda d: d["version"].update(major=256), "fit 8 bits")

    def test_command_opcode_zero(self):
        self.rejects(lambda d: cmd(d, "NOP").update(opcode=0), "0 is never a command")

    def test_command_opcode_twice(self):
        self.rejects(lambda d: cmd(d, "WRAP").update(opcode=2), "already used")

    def test_operand_overlap(self):
        self.rejects(lambda d: cmd(d, "FENCE")["operands"][1].update(dw=2), "overlaps")

    def test_operand_past_length(self):
        self.rejects(lambda d: cmd(d, "FENCE").update(dwords=4), "outside")

    def test_operand_hole(self):
        self.rejects(lambda d: cmd(d, "COPY").update(dwords=7), "is not an operand")

    def test_lengthening_flag_operand_outside_its_dws(self):
        self.rejects(lambda d: cmd(d, "DISPATCH")["operands"][-1].update(dw=6), "outside DWs 7..8")

    def test_lengthening_flag_not_longer(self):
        self.rejects(lambda d: cmd(d, "DISPATCH")["flags"][0].update(dwords=7), "must be within")

    def test_lengthening_flag_hole(self):
        self.rejects(lambda d: cmd(d, "DISPATCH")["flags"][0].update(dwords=10), "DW 9 is not an operand")

    def test_operand_of_a_plain_flag(self):
        self.rejects(lambda d: cmd(d, "FENCE")["operands"][-1].update(flag="IRQ"),
                     "is not a lengthening flag")

    def test_lengthened_form_generated(self):
        p = protocol.load(DEFN)
        vh = protocol.verilog(p)
        self.assertIn("`define SGPU_CMD_DISPATCH_FLAG_HOST_WINDOW_DWORDS 8'd9", vh)
        h = protocol.c_header(p, "G", "")
        self.assertIn("struct sgpu_cmd_dispatch_host_window {", h)
        self.assertIn("offsetof(struct sgpu_cmd_dispatch_host_window, host_base_hi) == 8 * 4", h)

    def test_flag_outside_flags_field(self):
        self.rejects(lambda d: cmd(d, "FENCE")["flags"][0].update(bit=8), "FLAGS field")

    def test_alignment_not_power_of_two(self):
        self.rejects(lambda d: cmd(d, "FENCE")["operands"][0].update(align=6), "power of two")

    def test_header_overlap(self):
        self.rejects(lambda d: d["commands"]["header"][1].update(lsb=4), "overlaps")

    def test_generated_name_clash(self):
        # An enum CMD_OP would define SGPU_CMD_OP_NOP a second time.
        self.rejects(lambda d: d["enums"].append(
            {"name": "CMD_OP", "doc": "d", "values": [{"name": "NOP", "value": 1, "doc": "d"}]}),
            "defined twice")


class Outputs(unittest.TestCase):
    def gen(self, root, *extra):
        return run([sys.executable, str(ROOT / "protocol" / "protocol.py"), "--def", str(DEFN),
                    "--root", str(root), *extra])

    def test_committed_files_are_fresh(self):
        r = self.gen(ROOT, "--check")
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_hand_edit_is_caught(self):
        with tempfile.TemporaryDirectory() as d:
            self.assertEqual(self.gen(d).returncode, 0)
            vh = Path(d) / "rtl/include/sgpu_cmds.vh"
            vh.write_text(vh.read_text().replace("OP_FENCE 8'd2", "OP_FENCE 8'd9"))
            r = self.gen(d, "--check")
            self.assertEqual(r.returncode, 1)
            self.assertIn("rtl/include/sgpu_cmds.vh is stale", r.stderr)

    def test_missing_file_is_caught(self):
        with tempfile.TemporaryDirectory() as d:
            self.gen(d)
            (Path(d) / "docs/protocol.md").unlink()
            r = self.gen(d, "--check")
            self.assertEqual(r.returncode, 1)
            self.assertIn("docs/protocol.md is stale", r.stderr)

    def test_headers_differ_only_in_guard_and_title(self):
        fw = (ROOT / OUTPUTS[0]).read_text().replace("SGPU_FW_PROTOCOL_H", "G").splitlines()[1:]
        host = (ROOT / OUTPUTS[1]).read_text().replace("SGPU_HOST_PROTOCOL_H", "G").splitlines()[1:]
        self.assertEqual(fw, host)

    def test_doc_covers_every_struct_enum_and_command(self):
        doc = (ROOT / "docs/protocol.md").read_text()
        names = [s["name"] for s in GOOD["structs"]] + [e["name"] for e in GOOD["enums"]] + \
            [c["name"] for c in GOOD["commands"]["list"]]
        for n in names:
            self.assertIn(n, doc)

    def test_every_field_offset_is_asserted(self):
        h = (ROOT / OUTPUTS[1]).read_text()
        for s in protocol.load(DEFN)["structs"]:
            tag = f"sgpu_{s['name'].lower()}"
            self.assertIn(f"sizeof(struct {tag}) == {s['size']}", h)
            for f in s["fields"]:
                if not f["inherited"]:
                    self.assertIn(f"offsetof(struct {tag}, {f['name']}) == {f['offset']}", h)

    # A body that uses the header as the firmware and host will: build and parse frames.
    BODY = r"""
_Static_assert(SGPU_CMD_HEADER(SGPU_CMD_OP_FENCE, SGPU_CMD_FENCE_DWORDS,
                               SGPU_CMD_FENCE_FLAG_IRQ) == 0x00010502u, "header DW");
_Static_assert(SGPU_EVENT_SUSPEND_CONTEXT_COMPLETED == 17, "dxgk number");
_Static_assert(sizeof(struct sgpu_event_record) == SGPU_PROTO_EVENT_BYTES, "event");
int build(union sgpu_ctrl_frame *f, uint64_t fence) {
    *f = (union sgpu_ctrl_frame){ .bytes = { 0 } }; /* reserved bytes must be 0 */
    f->hdr.opcode = SGPU_CTRL_OP_CREATE_CONTEXT;
    f->hdr.version = SGPU_PROTO_VERSION_MAJOR;
    f->hdr.size = SGPU_PROTO_CTRL_FRAME_BYTES;
    f->hdr.fence_value = fence;
    f->create_context.flags = SGPU_CTX_FLAG_DISABLE_GPU_TIMEOUT;
    f->create_context.ring_bytes = SGPU_PROTO_RING_MIN_BYTES;
    return f->create_context.hdr.opcode == SGPU_CTRL_OP_CREATE_CONTEXT;
}
"""

    def compile(self, cc, flags, header_dir, extra=""):
        with tempfile.TemporaryDirectory() as d:
            src = Path(d) / "t.c"
            src.write_text(f'{extra}#include "sgpu_protocol.h"\n{self.BODY}')
            r = run([cc, "-std=c11", "-Wall", "-Wextra", "-Wpedantic", "-Werror", *flags,
                     f"-I{header_dir}", "-fsyntax-only", str(src)])
            self.assertEqual(r.returncode, 0, r.stderr)

    def test_host_header_compiles(self):
        self.compile("gcc", [], ROOT / "host/include")

    def test_host_header_with_the_other_host_headers(self):
        # No name clashes with the register map or libsgpu's API.
        self.compile("gcc", [], ROOT / "host/include",
                     '#include "sgpu_regs.h"\n#include "sgpu.h"\n')

    def test_firmware_header_rv32_freestanding(self):
        self.compile(RV_CC, ["-march=rv32im", "-mabi=ilp32", "-ffreestanding"],
                     ROOT / "firmware/include")

    def test_firmware_header_rv32_picolibc(self):
        # As the firmware is built (mk/firmware.mk), with the firmware's register header.
        self.compile(RV_CC, ["-march=rv32im", "-mabi=ilp32", "--specs=picolibc.specs"],
                     ROOT / "firmware/include", '#include "sgpu_regs.h"\n')

    def test_verilog_include_lints(self):
        with tempfile.TemporaryDirectory() as d:
            top = Path(d) / "cmd_top.v"
            top.write_text(
                "// Decodes a command header with the generated include.\n"
                "`default_nettype none\n"
                '`include "sgpu_cmds.vh"\n'
                "module cmd_top(input wire [31:0] hdr_i, output wire fence_o,\n"
                "               output wire [15:0] err_o, output wire [2:0] align_o);\n"
                "  wire [`SGPU_CMD_HDR_OPCODE_WIDTH-1:0] op = "
                "hdr_i[`SGPU_CMD_HDR_OPCODE_LSB +: `SGPU_CMD_HDR_OPCODE_WIDTH];\n"
                "  wire [`SGPU_CMD_HDR_LENGTH_WIDTH-1:0] len = "
                "hdr_i[`SGPU_CMD_HDR_LENGTH_LSB +: `SGPU_CMD_HDR_LENGTH_WIDTH];\n"
                "  wire [`SGPU_CMD_HDR_FLAGS_WIDTH-1:0] fl = "
                "hdr_i[`SGPU_CMD_HDR_FLAGS_LSB +: `SGPU_CMD_HDR_FLAGS_WIDTH];\n"
                "  wire [`SGPU_CMD_HDR_RSVD_WIDTH-1:0] rsvd = "
                "hdr_i[`SGPU_CMD_HDR_RSVD_LSB +: `SGPU_CMD_HDR_RSVD_WIDTH];\n"
                "  assign fence_o = op == `SGPU_CMD_OP_FENCE && len == `SGPU_CMD_FENCE_DWORDS &&\n"
                "                   (fl & ~`SGPU_CMD_FENCE_FLAGS_ALL) == 8'h00 && rsvd == 8'h00;\n"
                "  assign err_o = fence_o ? `SGPU_CMD_ERROR_NONE\n"
                "                         : `SGPU_CMD_ERROR_UNKNOWN_OPCODE;\n"
                "  assign align_o = `SGPU_CMD_FENCE_ADDR_ALIGN_BITS;\n"
                "endmodule\n`default_nettype wire\n")
            r = run([VERILATOR, "--lint-only", "-Wall", f"-I{ROOT}/rtl/include", str(top)])
            self.assertEqual(r.returncode, 0, r.stderr)


class LineResult(unittest.TextTestResult):
    """One `PASS name` / `FAIL name: why` line per test, for scripts/run-suite."""
    def addSuccess(self, test):
        super().addSuccess(test)
        print(f"PASS protocol/{test._testMethodName}")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        print(f"FAIL protocol/{test._testMethodName}: {err[1]}".splitlines()[0])

    def addError(self, test, err):
        super().addError(test, err)
        print(f"FAIL protocol/{test._testMethodName}: {err[0].__name__}: {err[1]}".splitlines()[0])


if __name__ == "__main__":
    runner = unittest.TextTestRunner(resultclass=LineResult, verbosity=0,
                                     stream=open(os.devnull, "w"))
    result = runner.run(unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__]))
    sys.exit(0 if result.wasSuccessful() else 1)
