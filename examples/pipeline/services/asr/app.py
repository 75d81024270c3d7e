"""asr: Automatic speech recognition."""
import json
import sys


def main() -> int:
    print(json.dumps({"stage": "asr", "ok": True}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
