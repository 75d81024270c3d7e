"""tmdb: Looks up title metadata."""
import json
import sys


def main() -> int:
    print(json.dumps({"stage": "tmdb", "ok": True}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
