# SPDX-License-Identifier: Apache-2.0
"""Checks shared by the generators that read a JSON definition (regmap, protocol)."""
import re

UPPER_RE = re.compile(r"^[A-Z][A-Z0-9_]*$")


class DefError(Exception):
    """A definition file breaks a rule; the message says where and which."""


def number(text, where):
    """Numbers are written as decimal integers or "0x..." strings."""
    if isinstance(text, bool):
        raise DefError(f"{where}: expected a number, got {text!r}")
    if isinstance(text, int):
        return text
    if isinstance(text, str):
        try:
            return int(text, 0)
        except ValueError:
            pass
    raise DefError(f"{where}: expected a number, got {text!r}")


def check_keys(obj, allowed, required, where):
    if not isinstance(obj, dict):
        raise DefError(f"{where}: expected an object")
    unknown = set(obj) - allowed
    if unknown:
        raise DefError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    missing = [k for k in required if k not in obj]
    if missing:
        raise DefError(f"{where}: missing key(s) {', '.join(missing)}")


def check_name(name, where, pattern=UPPER_RE, what="UPPER_CASE (A-Z, 0-9, _)"):
    if not isinstance(name, str) or not pattern.match(name):
        raise DefError(f"{where}: name {name!r} must be {what}")
