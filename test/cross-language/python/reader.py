"""A Python consumer of the bridge's events, written the way a Python team would with the `avro` package.

Reads Avro single-object values (one hex value per line) and prints each decoded event as one JSON line
(UTF-8), so a test can compare it with what the TypeScript decoder read.

    python reader.py --reader R.avsc [--writer W.avsc]... FILE

The reader schema resolves any writer it was told about; writers are found by the value's CRC-64-AVRO
fingerprint, as the Avro spec's single-object encoding intends. The `avro` package has no single-object
decoder, so the ten-byte header is parsed here, and its `Schema.fingerprint()` cannot be used: avro 1.12.1
and 1.12.2 keep `{"type":"string"}` for a primitive with a logicalType in the canonical form, where the
spec ([PRIMITIVES]) and Java, avsc and our producer write `"string"`, so every schema with a uuid or
timestamp-millis field gets a fingerprint no other language produces.
"""

import argparse
import datetime
import io
import json
import sys
import uuid

import avro.io
import avro.schema

MARKER = b"\xc3\x01"
PRIMITIVES = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"}
EMPTY = 0xC15D213AA4D7A795  # the spec's CRC-64-AVRO seed and polynomial
TABLE = []
for i in range(256):
    fp = i
    for _ in range(8):
        fp = (fp >> 1) ^ (EMPTY & -(fp & 1))
    TABLE.append(fp)


def canonical_form(schema):
    """avro's canonical form with primitives written simply, as [PRIMITIVES] requires."""

    def simplify(node):
        if isinstance(node, dict):
            if set(node) == {"type"} and node["type"] in PRIMITIVES:
                return node["type"]
            return {k: simplify(v) for k, v in node.items()}
        if isinstance(node, list):
            return [simplify(n) for n in node]
        return node

    return json.dumps(simplify(json.loads(schema.canonical_form)), separators=(",", ":"))


def fingerprint(schema):
    """CRC-64-AVRO of the Parsing Canonical Form, as the 8 little-endian bytes single-object encoding writes."""
    fp = EMPTY
    for byte in canonical_form(schema).encode("utf-8"):
        fp = (fp >> 8) ^ TABLE[(fp ^ byte) & 0xFF]
    return fp.to_bytes(8, "little")


def load(path):
    with open(path, encoding="utf-8") as f:
        return avro.schema.parse(f.read())


EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def plain(value):
    """avro decodes timestamp-millis to datetime and uuid to UUID; print them as the wire has them, bytes as hex."""
    if isinstance(value, datetime.datetime):
        return (value - EPOCH) // datetime.timedelta(milliseconds=1)
    if isinstance(value, uuid.UUID):
        return str(value)
    if isinstance(value, bytes):
        return value.hex()
    raise TypeError(f"no JSON form for {type(value).__name__}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--reader", required=True)
    parser.add_argument("--writer", action="append", default=[])
    parser.add_argument("file")
    args = parser.parse_args()

    reader = load(args.reader)
    writers = {}
    for schema in [reader] + [load(w) for w in args.writer]:
        writers[fingerprint(schema)] = avro.io.DatumReader(schema, reader)

    out = io.TextIOWrapper(sys.stdout.buffer, encoding="utf-8")
    with open(args.file, encoding="ascii") as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            value = bytes.fromhex(line)
            if value[:2] != MARKER:
                raise ValueError(f"not a single-object value: starts with {value[:2].hex()}")
            datum_reader = writers.get(value[2:10])
            if datum_reader is None:
                raise ValueError(f"unknown writer fingerprint {value[2:10].hex()}")
            event = datum_reader.read(avro.io.BinaryDecoder(io.BytesIO(value[10:])))
            out.write(json.dumps(event, ensure_ascii=False, default=plain) + "\n")
    out.flush()


if __name__ == "__main__":
    main()
