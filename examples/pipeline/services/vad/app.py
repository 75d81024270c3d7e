"""vad: Voice activity detection."""
import json
import sys


def main() -> int:
    print(json.dumps({"stage": "vad", "ok": True}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
