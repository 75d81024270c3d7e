"""diarization: Speaker diarization."""
import json
import sys


def main() -> int:
    print(json.dumps({"stage": "diarization", "ok": True}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
