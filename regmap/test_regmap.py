#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Tests of the register map generator: validation of bad maps, and outputs that compile."""
import copy
import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import regmap  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
GOOD = json.loads((ROOT / "regmap" / "sgpu.json").read_text())


def load_variant(edit):
    """Apply edit() to a copy of the real map and load it."""
    m = copy.deepcopy(GOOD)
    edit(m)
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as f:
        json.dump(m, f)
    return regmap.load(f.name)


def reg(m, block, name):
    b = next(b for b in m["blocks"] if b["name"] == block)
    return next(r for r in b["registers"] if r["name"] == name)


def block(m, name):
    return next(b for b in m["blocks"] if b["name"] == name)


class Validation(unittest.TestCase):
    def rejects(self, edit, words):
        with self.assertRaises(regmap.MapError) as ctx:
            regmap.outputs(load_variant(edit))
        self.assertIn(words, str(ctx.exception))

    def test_real_map_loads(self):
        m = regmap.load(ROOT / "regmap" / "sgpu.json")
        self.assertEqual(reg(m, "ID", "MAGIC")["reset"], 0x53475055)

    def test_duplicate_offset(self):
        self.rejects(lambda m: reg(m, "ID", "SCRATCH").update(offset="0x00"), "already used")

    def test_misaligned_offset(self):
        self.rejects(lambda m: reg(m, "ID", "SCRATCH").update(offset="0x0E"), "word aligned")

    def test_offset_outside_block(self):
        self.rejects(lambda m: reg(m, "ID", "SCRATCH").update(offset="0x1000"), "outside")

    def test_overlapping_fields(self):
        self.rejects(lambda m: reg(m, "ID", "VERSION")["fields"][1].update(lsb=4), "overlaps")

    def test_field_past_bit_31(self):
        self.rejects(lambda m: reg(m, "ID", "VERSION")["fields"][2].update(lsb=30), "fit 32")

    def test_reset_outside_fields(self):
        self.rejects(lambda m: reg(m, "ID", "CAPS").update(reset="0x80000007"), "outside its fields")

    def test_enum_value_too_wide(self):
        self.rejects(lambda m: reg(m, "ID", "FW_STATUS")["fields"][0]["values"][0].update(value=16),
                     "does not fit")

    def test_unknown_key(self):
        self.rejects(lambda m: reg(m, "ID", "MAGIC").update(acess="ro"), "unknown key")

    def test_bad_access(self):
        self.rejects(lambda m: reg(m, "ID", "MAGIC").update(access="rx"), "access")

    def test_lowercase_name(self):
        self.rejects(lambda m: reg(m, "ID", "MAGIC").update(name="magic"), "UPPER_CASE")

    def test_overlapping_blocks(self):
        self.rejects(lambda m: m["blocks"][1]["base"].update(core="0x20000000"), "overlap")

    def test_generated_name_clash(self):
        # Register A_B with field C clashes with register A with field B_C.
        def edit(m):
            regs = m["blocks"][0]["registers"]
            regs.append({"name": "X_Y", "offset": "0x40", "access": "rw", "reset": 0, "doc": "d",
                         "fields": [{"name": "Z", "lsb": 0, "width": 1, "doc": "d"}]})
            regs.append({"name": "X", "offset": "0x44", "access": "rw", "reset": 0, "doc": "d",
                         "fields": [{"name": "Y_Z", "lsb": 0, "width": 1, "doc": "d"}]})
        self.rejects(edit, "defined twice")

    def test_config_constant_twice(self):
        self.rejects(lambda m: m["config"]["constants"].append(dict(m["config"]["constants"][0])),
                     "defined twice")

    def test_config_constant_too_wide(self):
        self.rejects(lambda m: m["config"]["constants"][0].update(value="0x100000000"), "fit 32")

    def test_volatile_must_be_boolean(self):
        self.rejects(lambda m: reg(m, "ID", "FW_STATUS").update(volatile="yes"), "true or false")

    # Register arrays: CTX is one (16 instances, stride 0x40, window 0x1000).
    def test_array_real_map(self):
        ctx = block(regmap.load(ROOT / "regmap" / "sgpu.json"), "CTX")
        self.assertEqual((ctx["count"], ctx["stride"]), (16, 0x40))

    def test_array_needs_count_and_stride(self):
        self.rejects(lambda m: block(m, "CTX").pop("stride"), "both count and stride")

    def test_array_count_at_least_one(self):
        self.rejects(lambda m: block(m, "CTX").update(count=0), "at least 1")

    def test_array_stride_power_of_two(self):
        self.rejects(lambda m: block(m, "CTX").update(stride="0x60"), "power of two")

    def test_array_stride_covers_registers(self):
        # TAIL ends at 0x28: a stride of 0x20 would overlap the next instance.
        self.rejects(lambda m: block(m, "CTX").update(stride="0x20"), "span 0x28")

    def test_array_fits_window(self):
        self.rejects(lambda m: block(m, "CTX").update(count=65), "do not fit")

    def test_array_window_overlap(self):
        # Moved onto CP's BAR0 window, the array overlaps it.
        def edit(m):
            block(m, "CTX")["base"].update(bar0="0x3000", core="0x20005000")
        self.rejects(edit, "overlap")

    def test_planned_must_be_boolean(self):
        self.rejects(lambda m: block(m, "CTX").update(planned=1), "true or false")


class Outputs(unittest.TestCase):
    def test_committed_files_are_fresh(self):
        r = subprocess.run([sys.executable, str(ROOT / "regmap" / "regmap.py"), "--check",
                            "--map", str(ROOT / "regmap" / "sgpu.json"), "--root", str(ROOT)],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_stale_file_is_caught(self):
        with tempfile.TemporaryDirectory() as d:
            gen = [sys.executable, str(ROOT / "regmap" / "regmap.py"),
                   "--map", str(ROOT / "regmap" / "sgpu.json"), "--root", d]
            subprocess.run(gen, check=True, capture_output=True)
            doc = Path(d) / "docs" / "registers.md"
            doc.write_text(doc.read_text() + "hand edit\n")
            r = subprocess.run(gen + ["--check"], capture_output=True, text=True)
            self.assertEqual(r.returncode, 1)
            self.assertIn("docs/registers.md is stale", r.stderr)

    def compile(self, header, lang, body):
        with tempfile.TemporaryDirectory() as d:
            src = Path(d) / ("t.c" if lang == "c" else "t.S")
            src.write_text(f'#include "{header}"\n{body}\n')
            r = subprocess.run(["gcc", "-Wall", "-Werror", "-c", str(src), "-o", str(Path(d) / "t.o")],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)

    def test_firmware_header_compiles_as_c(self):
        self.compile(ROOT / "firmware/include/sgpu_regs.h", "c",
                     "_Static_assert(SGPU_ID_MAGIC_ADDR == 0x20000000u, \"addr\");\n"
                     "_Static_assert(SGPU_ID_FW_STATUS_STATE_MASK == 0xFu, \"mask\");")

    def test_firmware_header_assembles(self):
        self.compile(ROOT / "firmware/include/sgpu_regs.h", "S",
                     ".word SGPU_SYSCTL_EXIT_ADDR\n.word SGPU_ID_MAGIC_RESET")

    def test_host_header_compiles_as_c(self):
        self.compile(ROOT / "host/include/sgpu_regs.h", "c",
                     "_Static_assert(SGPU_ID_BAR0_BASE + SGPU_ID_SCRATCH_OFFSET == 0xCu, \"off\");")

    def test_host_table_compiles_and_matches(self):
        self.compile(ROOT / "host/include/sgpu_regs_table.h", "c",
                     '#include "' + str(ROOT / "host/include/sgpu_regs.h") + '"\n'
                     "const struct sgpu_reg_desc *first(void) { return &sgpu_bar0_regs[0]; }\n"
                     "_Static_assert(SGPU_BAR0_REG_COUNT > 5, \"count\");")
        table = (ROOT / "host/include/sgpu_regs_table.h").read_text()
        self.assertIn('{"ID", "MAGIC", 0x00000u, \'r\', 0, 0x53475055u, 0xFFFFFFFFu}', table)
        self.assertIn('"FW_STATUS", 0x00010u, \'r\', 1,', table)

    def test_array_macros_everywhere(self):
        for rel in ("rtl/include/sgpu_regs.vh", "firmware/include/sgpu_regs.h",
                    "host/include/sgpu_regs.h"):
            text = (ROOT / rel).read_text()
            for name in ("SGPU_CTX_COUNT", "SGPU_CTX_STRIDE"):
                self.assertRegex(text, rf"(`define|#define) {name} ", rel)
        self.assertIn("`define SGPU_CTX_STRIDE_BITS 6", (ROOT / "rtl/include/sgpu_regs.vh").read_text())

    def test_array_host_macro(self):
        # BAR0 offset of instance i; usable in constant expressions.
        self.compile(ROOT / "host/include/sgpu_regs.h", "c",
                     "_Static_assert(SGPU_CTX_DOORBELL_OFFSET_I(3) == 0x40E0u, \"i\");\n"
                     "_Static_assert(SGPU_CTX_RING_BASE_LO_OFFSET_I(0) == SGPU_CTX_BAR0_BASE, \"0\");\n"
                     "_Static_assert(SGPU_CTX_COUNT == 16u && SGPU_CTX_STRIDE == 0x40u, \"n\");\n"
                     "_Static_assert(SGPU_CP_CTX_OFFSET_RESET == SGPU_CTX_BAR0_BASE, \"adv\");\n"
                     "_Static_assert(SGPU_CP_CTX_STRIDE_RESET == SGPU_CTX_STRIDE, \"adv\");\n"
                     "_Static_assert(SGPU_CP_CTX_COUNT_RESET == SGPU_CTX_COUNT, \"adv\");\n"
                     "unsigned tail(unsigned i) { return SGPU_CTX_TAIL_OFFSET_I(i); }")

    def test_array_firmware_macro(self):
        self.compile(ROOT / "firmware/include/sgpu_regs.h", "c",
                     "_Static_assert(SGPU_CTX_TAIL_ADDR_I(15) == 0x200043E4u, \"i\");")
        self.compile(ROOT / "firmware/include/sgpu_regs.h", "S",
                     ".word SGPU_CTX_TAIL_ADDR_I(2)\n.word SGPU_CTX_COUNT")

    def test_array_docs(self):
        doc = (ROOT / "docs/registers.md").read_text()
        self.assertIn("An array of 16 instances: instance i at base + i * stride", doc)
        self.assertIn("bar0 `0x00004000 + i * 0x40`", doc)

    def test_planned_blocks_not_in_table(self):
        # The table lists what the device decodes: a planned block stays out of it.
        def edit(m):
            block(m, "CTX")["planned"] = True
        table = regmap.host_table(load_variant(edit))
        self.assertNotIn('{"CTX[', table)
        self.assertIn('{"CP", "CTX_COUNT"', table)

    def test_array_table_lists_every_instance(self):
        table = (ROOT / "host/include/sgpu_regs_table.h").read_text()
        self.assertIn('{"CTX[0]", "RING_BASE_LO", 0x04000u, \'b\', 0, 0x00000000u, 0xFFFFFFFFu}', table)
        self.assertIn('{"CTX[15]", "TAIL", 0x043E4u, \'r\', 1,', table)
        self.assertIn('{"CTX[3]", "ENGINE", 0x040CCu, \'b\', 0, 0x00000000u, 0x00000001u}', table)
        self.assertEqual(table.count('"CTX['), 16 * 10)
        self.assertIn('{"CP", "DB_CLEAR", 0x03014u, \'r\', 0,', table)
        # Core-only blocks (HOSTIO, ENG) are not the host's.
        self.assertNotIn('{"HOSTIO"', table)
        self.assertNotIn('{"ENG[', table)

    def test_config_constants_everywhere(self):
        for rel in ("rtl/include/sgpu_regs.vh", "firmware/include/sgpu_regs.h",
                    "host/include/sgpu_regs.h"):
            self.assertIn("SGPU_CFG_VENDOR_ID", (ROOT / rel).read_text(), rel)

    def test_verilog_include_lints(self):
        with tempfile.TemporaryDirectory() as d:
            top = Path(d) / "regs_top.v"
            top.write_text('`include "sgpu_regs.vh"\n'
                           "module regs_top(output wire [31:0] magic_o, output wire [11:0] off_o);\n"
                           "  assign magic_o = `SGPU_ID_MAGIC_RESET;\n"
                           "  assign off_o = `SGPU_SYSCTL_EXIT_OFFSET;\n"
                           "  localparam [31:0] N = `SGPU_CTX_COUNT;\n"
                           "  localparam [31:0] S = `SGPU_CTX_STRIDE;\n"
                           "  localparam integer B = `SGPU_CTX_STRIDE_BITS;\n"
                           "  wire unused_ok = &{1'b0, N, S, B[0], 1'b0};\nendmodule\n")
            r = subprocess.run(["verilator", "--lint-only", "-Wall", f"-I{ROOT}/rtl/include", str(top)],
                               capture_output=True, text=True)
            self.assertEqual(r.returncode, 0, r.stderr)


class LineResult(unittest.TextTestResult):
    """One `PASS name` / `FAIL name: why` line per test, for scripts/run-suite."""
    def addSuccess(self, test):
        super().addSuccess(test)
        print(f"PASS regmap/{test._testMethodName}")

    def addFailure(self, test, err):
        super().addFailure(test, err)
        print(f"FAIL regmap/{test._testMethodName}: {err[1]}".splitlines()[0])

    def addError(self, test, err):
        super().addError(test, err)
        print(f"FAIL regmap/{test._testMethodName}: {err[0].__name__}: {err[1]}".splitlines()[0])


if __name__ == "__main__":
    runner = unittest.TextTestRunner(resultclass=LineResult, verbosity=0, stream=open("/dev/null", "w"))
    result = runner.run(unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__]))
    sys.exit(0 if result.wasSuccessful() else 1)
