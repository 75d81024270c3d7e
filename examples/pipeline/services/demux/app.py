"""demux: Splits a media file into audio and video streams."""
import json
import sys


def main() -> int:
    print(json.dumps({"stage": "demux", "ok": True}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
