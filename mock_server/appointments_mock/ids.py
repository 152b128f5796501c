"""Ids as UUIDv4 text, from 128 bits (the session's random ids, the derived delivery ids)."""

from __future__ import annotations

_V4_CLEAR = ~((0xC000 << 48) | (0xF000 << 64))  # the variant and version bits
_V4_SET = (0x8000 << 48) | (4 << 76)  # RFC 4122 variant, version 4


def uuid4_text(bits: int) -> str:
    """128 bits as a UUIDv4's text: ``str(uuid.UUID(int=bits, version=4))``, without the UUID."""
    h = f"{bits & _V4_CLEAR | _V4_SET:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
