"""pre-ner: Prepares transcripts for named-entity recognition."""
import json
import sys


def main() -> int:
    print(json.dumps({"stage": "pre-ner", "ok": True}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
