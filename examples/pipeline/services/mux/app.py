"""mux: Muxes subtitles and streams back into one container."""
import json
import sys


def main() -> int:
    print(json.dumps({"stage": "mux", "ok": True}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
